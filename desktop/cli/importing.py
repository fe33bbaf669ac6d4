"""``jobdeck import PATH... [--dry-run] [--json] [--on-duplicate skip|update|keep|fill]
[--mapping FILE.json]``.

A spreadsheet or another tracker's export (.csv, .tsv, .xlsx, a Markdown table) is read a row a
posting, through its detected preset or the header synonyms, or the ``--mapping`` given.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.deferred_import import deferred
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop import importers
    from desktop.core import document
    from desktop.core.posting import PostingDocument
    from desktop.importers import job_links
    from desktop.services import importing, link_import, postings, reapply, tracker_import
else:  # loaded by the command that runs: each command imports only what it needs
    document = deferred("desktop.core.document")
    importers = deferred("desktop.importers")
    importing = deferred("desktop.services.importing")
    job_links = deferred("desktop.importers.job_links")
    link_import = deferred("desktop.services.link_import")
    postings = deferred("desktop.services.postings")
    reapply = deferred("desktop.services.reapply")
    tracker_import = deferred("desktop.services.tracker_import")


def add_import_command(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    import_cmd = commands.add_parser(
        "import",
        parents=parents,
        help="read postings from files, links (or - for stdin) and save them",
        description="Read job postings (board text, career-site text, HTML pages, Jobdeck "
        "JSON, or a posting's http(s) link, fetched from its best source) and save them; or "
        "the applications of a spreadsheet or another tracker's export (.csv, .tsv, .xlsx, a "
        "Markdown table), one a row, with their dates as the stage history. "
        "Exit 0 when every input was imported, 1 when any was refused.",
    )
    import_cmd.add_argument(
        "paths", nargs="*", metavar="PATH", help="a file, an http(s) link, or - for stdin"
    )
    import_cmd.add_argument(
        "--documents",
        metavar="FILES.zip",
        help="the document files of an export (jobdeck export --documents), stored first, each "
        "checked against its SHA-256",
    )
    import_cmd.add_argument("--dry-run", action="store_true", help="read and report; save nothing")
    import_cmd.add_argument(
        "--json", action="store_true", help="print the posting documents as a JSON array"
    )
    import_cmd.add_argument(
        "--on-duplicate",
        choices=("skip", "update", "keep", "fill"),
        default=None,
        help="what to do with a posting already saved (default: skip; for a spreadsheet's "
        "rows: fill, which fills only the saved posting's empty fields)",
    )
    import_cmd.add_argument(
        "--mapping",
        metavar="FILE.json",
        help="a preset saved in the window, or a file saying which column is which field of a "
        'spreadsheet: {"columns": {"company": "Employer", "title": "Role", "applied": '
        '"Sent on", ...}, "statuses": {"Phone call": "Screening"}} (default: the detected '
        "preset, else the header synonyms)",
    )


def _import_documents_zip(db: Library, source: Path, dry_run: bool, report: Any) -> int:
    """Store the files of a documents zip; returns how many were refused."""
    from desktop.services import document_zip

    if dry_run:
        print(f"dry run: {source} not read (document files are only stored)", file=report)
        return 0
    read = document_zip.read_documents_zip(db, source)
    print(f"documents: {read.stored} stored, {read.already} already in the library", file=report)
    for line in read.refused:
        print(f"refused {source}: {line}", file=sys.stderr)
    return len(read.refused)


DECISIONS = {  # --on-duplicate: the name of an importing.Decision
    "skip": "SKIP",
    "update": "UPDATE_EXISTING",
    "keep": "SAVE_NEW",
    "fill": "FILL_EMPTY",
}


def _read_table(
    path: str, mapping_file: str | None, db: Library, report: Any
) -> Iterable[importing.Read]:
    """A spreadsheet's rows, each a posting read or a row refused (with its number)."""
    table = tracker_import.read_table(Path(path))
    if mapping_file:
        presets = tracker_import.saved_presets(db.data_dir)
        given = Path(mapping_file)
        if not given.exists() and mapping_file in presets:  # a preset saved in the window
            given = presets[mapping_file]
        mapping = tracker_import.load_mapping(given, table)
        how = f"the mapping in {mapping_file}"
    else:
        mapping = tracker_import.propose_mapping(table)
        how = f"the {mapping.preset} preset" if mapping.preset else "its column headers"
    tracker_import.checked_mapping(mapping, path)
    print(f"reading {path} ({table.kind}, {len(table.rows)} rows) through {how}", file=report)
    return tracker_import.read_rows(db, table, mapping, path)


def _read(path: str) -> Iterable[importing.Read]:
    if job_links.looks_like_link(path):  # the network, only for a link the user gave
        return link_import.read_link(path)
    if path == "-":
        return importing.read_records(importing.read_limited(sys.stdin.buffer, "stdin"), "stdin")
    return importing.read_path(Path(path))


def _label(doc: PostingDocument) -> str:
    return f"{doc.company or '?'}: {doc.title or '?'}"


def _duplicate_note(duplicate: importing.Duplicate | None) -> str:
    if duplicate is None:
        return ""
    return f" (duplicate of #{duplicate.posting_id}, {duplicate.reason})"


def _saved_link_skipped(
    db: Library, path: str, on_duplicate: importing.Decision, dry_run: bool, report: Any
) -> bool:
    """A link already saved is skipped before anything is fetched (unless asked to update it
    or keep both)."""
    if on_duplicate is not importing.Decision.SKIP:
        return False
    try:
        saved = link_import.saved_with_link(db, path)
    except importers.ImportRefused:
        return False  # not a web link: reading it says why
    if saved is None:
        return False
    verb = "would skip" if dry_run else "skipped"
    print(
        f"{verb} {saved.company or '?'}: {saved.title}: already saved as #{saved.posting_id} "
        f"({saved.reason}); nothing was fetched",
        file=report,
    )
    return True


def _with_reapply(
    db: Library, outcomes: Iterable[importing.Outcome], started: datetime
) -> Iterator[tuple[importing.Outcome, reapply.ReapplyWarning | None]]:
    """Each outcome with its re-apply warning: what the library held at the posting's employer
    before this import began (the posting itself and the one it repeats are not "earlier")."""
    stream, refused = iter(outcomes), importing.Status.REFUSED
    while batch := list(itertools.islice(stream, importing.BATCH_SIZE)):
        drafts = [
            reapply.Draft(
                o.document.company if o.document and o.status is not refused else None,
                o.document.title if o.document else None,
                frozenset(
                    i
                    for i in (o.posting_id, o.duplicate.posting_id if o.duplicate else None)
                    if i is not None
                ),
            )
            for o in batch
        ]
        yield from zip(batch, reapply.check_many(db, drafts, created_before=started), strict=True)


def run(db: Library, args: argparse.Namespace) -> int:
    """Import each path in turn, a chunk of postings per transaction, reporting each posting.

    Saved documents are read back (and kept) only when ``--json`` asks for them.
    """
    refused = 0
    documents: list[dict[str, object]] = []
    report = sys.stderr if args.json else sys.stdout  # keep stdout pure JSON with --json
    if not args.paths and not args.documents:
        # As argparse words a usage error (PATH became optional for --documents alone).
        print("usage: jobdeck import [options] PATH [PATH ...]", file=sys.stderr)
        print(
            "jobdeck import: error: give a PATH to import, or --documents FILES.zip",
            file=sys.stderr,
        )
        return 2
    if args.documents:
        refused += _import_documents_zip(db, Path(args.documents), args.dry_run, report)
    Status = importing.Status
    started = datetime.now(UTC)
    for path in args.paths:
        link = job_links.looks_like_link(path)
        table = not link and path != "-" and tracker_import.is_table_file(Path(path))
        on_duplicate = args.on_duplicate or ("fill" if table else "skip")
        decision = importing.Decision[DECISIONS[on_duplicate]]
        if link and _saved_link_skipped(db, path, decision, args.dry_run, report):
            continue
        try:
            results = _read_table(path, args.mapping, db, report) if table else _read(path)
        except importers.ImportRefused as error:
            print(f"refused {error.reason}", file=sys.stderr)
            refused += 1
            continue
        source = "stdin" if path == "-" else path
        # A table's row repeating a saved posting adds its dated stages the history lacks.
        outcomes = importing.import_documents(
            db, results, decision, dry_run=args.dry_run, add_history=table
        )
        for outcome, repeat in _with_reapply(db, outcomes, started):
            doc, duplicate = outcome.document, outcome.duplicate
            for warning in outcome.warnings:
                print(f"  note ({source}): {warning}", file=report)
            for line in repeat.text.splitlines() if repeat else ():
                print(f"  note ({source}): re-apply: {line}", file=report)
            if outcome.status is Status.REFUSED:
                named = f"{source}: {_label(doc)}: " if doc is not None else ""
                print(f"refused {named}{outcome.reason}", file=sys.stderr)
                refused += 1
                if args.dry_run and args.json and doc is not None:
                    # Read but not savable as it is (a body pasted without its title): the dry
                    # run still shows what was read, so the missing field can be seen and added.
                    documents.append(
                        document.to_json(doc.with_changes(id=None), with_store_fields=False)
                    )
                continue
            if outcome.status is Status.FREE_TASKS:  # an export of a library with no posting
                verb = "would add" if args.dry_run else "added"
                print(f"{verb} {outcome.reason}", file=report)
                continue
            assert doc is not None
            if args.dry_run and args.json:  # what was read, duplicates too
                documents.append(
                    document.to_json(doc.with_changes(id=None), with_store_fields=False)
                )
            if outcome.status is Status.WOULD_SAVE:
                print(f"would save {_label(doc)}{_duplicate_note(duplicate)}", file=report)
            elif outcome.status is Status.SKIPPED:
                assert duplicate is not None
                verb = "would skip" if args.dry_run else "skipped"
                print(
                    f"{verb} {_label(doc)}: already saved as #{duplicate.posting_id} "
                    f"({duplicate.reason})",
                    file=report,
                )
            elif outcome.status is Status.UNCHANGED and args.dry_run:
                print(
                    f"would leave #{outcome.posting_id} {_label(doc)} unchanged: already "
                    "saved, nothing to add",
                    file=report,
                )
            elif outcome.status is Status.UNCHANGED:
                print(
                    f"unchanged #{outcome.posting_id} {_label(doc)}: already saved, "
                    "nothing to fill",
                    file=report,
                )
            elif outcome.status is Status.WOULD_UPDATE:
                # A table's row repeating a saved posting: what the posting would gain.
                print(f"would update #{outcome.posting_id} {_label(doc)}", file=report)
                for gain in outcome.gains:
                    print(f"  #{outcome.posting_id} would gain: {gain}", file=report)
            else:
                print(f"{outcome.status.value} #{outcome.posting_id} {_label(doc)}", file=report)
                if args.json and outcome.posting_id is not None:
                    saved = postings.get_posting(db, outcome.posting_id)
                    documents.append(document.to_json(saved))
    if args.dry_run and db.read_only:
        # The real import would fail on the first save: the dry run says so too.
        print("jobdeck import: the library is read-only: nothing could be saved", file=sys.stderr)
        return 1
    if args.json:
        sys.stdout.write(json.dumps(documents, ensure_ascii=False, indent=2) + "\n")
    return 1 if refused else 0
