"""``jobdeck import PATH... [--dry-run] [--json] [--on-duplicate skip|update|keep]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop.core.document import to_json
from desktop.importers import ImportRefused
from desktop.services import importing, postings
from desktop.services.library import Library


def add_import_command(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    import_cmd = commands.add_parser(
        "import",
        parents=parents,
        help="read postings from files (or - for stdin) and save them",
        description="Read job postings (board text, career-site text, HTML pages, Jobdeck "
        "JSON) and save them. Exit 0 when every input was imported, 1 when any was refused.",
    )
    import_cmd.add_argument("paths", nargs="+", metavar="PATH", help="a file, or - for stdin")
    import_cmd.add_argument("--dry-run", action="store_true", help="read and report; save nothing")
    import_cmd.add_argument(
        "--json", action="store_true", help="print the posting documents as a JSON array"
    )
    import_cmd.add_argument(
        "--on-duplicate",
        choices=("skip", "update", "keep"),
        default="skip",
        help="what to do with a posting already saved (default: skip)",
    )


DECISIONS = {
    "skip": importing.Decision.SKIP,
    "update": importing.Decision.UPDATE_EXISTING,
    "keep": importing.Decision.SAVE_NEW,
}


def _read(db: Library, path: str) -> list[importing.Candidate]:
    if path == "-":
        return importing.read_input(db, sys.stdin.buffer.read(), "stdin")
    return importing.read_file(db, Path(path))


def _label(doc: object) -> str:
    return f"{getattr(doc, 'company', None) or '?'}: {getattr(doc, 'title', None) or '?'}"


def run(db: Library, args: argparse.Namespace) -> int:
    refused = 0
    documents: list[dict[str, object]] = []
    report = sys.stderr if args.json else sys.stdout  # keep stdout pure JSON with --json
    for path in args.paths:
        try:
            candidates = _read(db, path)
        except ImportRefused as error:
            print(f"refused {error.reason}", file=sys.stderr)
            refused += 1
            continue
        for candidate in candidates:
            doc = candidate.document
            for warning in candidate.warnings:
                print(f"  note ({candidate.source}): {warning}", file=report)
            duplicate = candidate.duplicate
            decision = DECISIONS[args.on_duplicate] if duplicate else importing.Decision.SAVE_NEW
            if args.dry_run:
                documents.append(to_json(doc.with_changes(id=None), with_store_fields=False))
                note = (
                    f" (duplicate of #{duplicate.posting_id}, {duplicate.reason})"
                    if duplicate
                    else ""
                )
                print(f"would save {_label(doc)}{note}", file=report)
                continue
            try:
                changes = importing.save_candidate(
                    db, doc, decision, duplicate.posting_id if duplicate else None
                )
            except postings.InvalidPosting as error:
                print(f"refused {candidate.source}: {error}", file=sys.stderr)
                refused += 1
                continue
            if decision is importing.Decision.SKIP and duplicate:
                print(
                    f"skipped {_label(doc)}: already saved as #{duplicate.posting_id} "
                    f"({duplicate.reason})",
                    file=report,
                )
                continue
            (posting_id,) = changes.created or changes.updated
            verb = "updated" if changes.updated else "saved"
            print(f"{verb} #{posting_id} {_label(doc)}", file=report)
            documents.append(to_json(postings.get_posting(db, posting_id)))
    if args.json:
        sys.stdout.write(json.dumps(documents, ensure_ascii=False, indent=2) + "\n")
    return 1 if refused else 0
