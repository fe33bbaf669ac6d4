"""``jobdeck attach ID FILE [--label TEXT] [--sent-on DAY] [--large]``, ``jobdeck documents
[ID] [--json]`` and ``jobdeck detach DOCUMENT_ID``: the files sent with applications.

A file over 50 MB is refused unless ``--large`` says it is meant. Exit codes follow desktop.cli.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli import arguments
from desktop.deferred_import import deferred
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.services import documents
else:  # loaded by the command that runs
    documents = deferred("desktop.services.documents")


def add_document_commands(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    attach = subparsers.add_parser(
        "attach", parents=parents, help="attach a file sent with an application (copied in)"
    )
    attach.add_argument("posting_id", type=arguments.posting_id, metavar="ID")
    attach.add_argument("file", metavar="FILE")
    attach.add_argument("--label", metavar="TEXT", help="e.g. 'Resume v3' (default: file name)")
    attach.add_argument("--sent-on", type=arguments.day, metavar="YYYY-MM-DD")
    attach.add_argument("--large", action="store_true", help="attach a file over 50 MB")
    listing = subparsers.add_parser(
        "documents", parents=parents, help="documents of a posting, or every stored file"
    )
    listing.add_argument("posting_id", nargs="?", type=arguments.posting_id, metavar="ID")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument(
        "--remove-unused",
        action="store_true",
        help="delete the files no application uses any more from the library folder",
    )
    detach = subparsers.add_parser("detach", parents=parents, help="take a document off")
    detach.add_argument("document_id", type=arguments.posting_id, metavar="DOCUMENT_ID")


def _json(doc: Any) -> dict[str, Any]:
    return {
        "id": doc.id,
        "posting_id": doc.posting_id,
        "label": doc.label,
        "file_name": doc.file_name,
        "sha256": doc.sha256,
        "size": doc.size,
        "sent_on": doc.sent_on.isoformat() if doc.sent_on else None,
    }


def run_attach(db: Library, args: argparse.Namespace) -> int:
    doc = documents.attach_document(
        db,
        args.posting_id,
        Path(args.file),
        label=args.label,
        sent_on=args.sent_on,
        large_ok=args.large,
    ).value
    print(f"document #{doc.id} {doc.label} ({doc.file_name}, {doc.size:,} bytes) attached")
    return 0


def run_documents(db: Library, args: argparse.Namespace) -> int:
    if args.remove_unused:
        unused = documents.unused_files(db)
        removed = documents.remove_unused_files(db, unused)
        print(f"{removed} unused file(s) removed from the library folder")
        return 0
    if args.posting_id is not None:
        found = documents.documents_of(db, args.posting_id)
        if args.json:
            sys.stdout.write(json.dumps([_json(d) for d in found], indent=2) + "\n")
            return 0
        for doc in found:
            sent = doc.sent_on.isoformat() if doc.sent_on else "-"
            print(f"{doc.id:5}  {sent:10}  {doc.label:24} {doc.file_name}")
        return 0
    versions = documents.list_versions(db)
    if args.json:
        listed = [
            {
                "sha256": v.sha256,
                "file_name": v.file_name,
                "size": v.size,
                "sent_with": [
                    {"document_id": d, "posting_id": p, "title": t, "label": label,
                     "sent_on": s.isoformat() if s else None}
                    for d, p, t, label, s in v.sent_with
                ],
            }
            for v in versions
        ]  # fmt: skip
        sys.stdout.write(json.dumps(listed, ensure_ascii=False, indent=2) + "\n")
        return 0
    for v in versions:
        print(f"{v.file_name}  ({v.size:,} bytes, {v.sha256[:12]})")
        for _doc_id, posting_id, title, label, _sent in v.sent_with:
            print(f"    #{posting_id} {title}: {label}")
    return 0


def run_detach(db: Library, args: argparse.Namespace) -> int:
    doc = documents.remove_document(db, args.document_id).value
    print(f"document #{doc.id} {doc.label} taken off posting #{doc.posting_id}")
    if documents.is_unused(db, doc.sha256):
        # The file itself is only ever removed when asked (the window asks; here, a command).
        print(
            f"{doc.file_name} is sent with no application now; it stays in the library folder "
            "until `jobdeck documents --remove-unused`"
        )
    return 0
