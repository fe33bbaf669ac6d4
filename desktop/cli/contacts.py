"""``jobdeck contact add|list|link|unlink|delete``: the people of a job search from the shell,
through the same services as the window.

``add`` takes the person's role/title at the company as ``--role``; ``link`` takes their role
in one application (recruiter, hiring manager, referrer, interviewer, other). Exit codes follow
desktop.cli: 0 done, 1 could not be done (a wrong field is named), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli import arguments
from desktop.cli.failure import CommandFailed
from desktop.deferred_import import deferred
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.core import contacts as core_contacts
    from desktop.services import contacts, vcards
else:  # loaded by the command that runs
    contacts = deferred("desktop.services.contacts")
    vcards = deferred("desktop.services.vcards")
    core_contacts = deferred("desktop.core.contacts")


def add_contact_commands(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``contact`` and its actions to the ``jobdeck`` subparsers."""
    contact = subparsers.add_parser(
        "contact", parents=parents, help="people: recruiters, hiring managers, referrers ..."
    )
    actions = contact.add_subparsers(dest="contact_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=parents, help="add a contact of a company")
    add.add_argument("--company", required=True, metavar="NAME")
    add.add_argument("--name", required=True, metavar="NAME")
    add.add_argument("--role", metavar="TITLE", help="their role/title, e.g. 'Tech Recruiter'")
    add.add_argument("--email", metavar="ADDRESS")
    add.add_argument("--phone", metavar="NUMBER")
    add.add_argument("--link", metavar="URL", help="a profile page (LinkedIn, a site)")
    add.add_argument("--note", metavar="TEXT")
    listing = actions.add_parser("list", parents=parents, help="everyone, with their company")
    listing.add_argument("--search", default="", metavar="WORDS", help="only those matching")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    link = actions.add_parser(
        "link", parents=parents, help="give a contact a role in a posting's application"
    )
    link.add_argument("contact_id", type=arguments.posting_id, metavar="CONTACT_ID")
    link.add_argument("posting_id", type=arguments.posting_id, metavar="POSTING_ID")
    link.add_argument(
        "--role", required=True, help="recruiter, hiring manager, referrer, interviewer, other"
    )
    unlink = actions.add_parser("unlink", parents=parents, help="take that role away")
    unlink.add_argument("contact_id", type=arguments.posting_id, metavar="CONTACT_ID")
    unlink.add_argument("posting_id", type=arguments.posting_id, metavar="POSTING_ID")
    unlink.add_argument("--role", required=True)
    delete = actions.add_parser("delete", parents=parents, help="remove a contact")
    delete.add_argument("contact_id", type=arguments.posting_id, metavar="CONTACT_ID")
    export = actions.add_parser("export", parents=parents, help="write contacts as vCards")
    export.add_argument(
        "contact_ids",
        nargs="*",
        type=arguments.posting_id,
        metavar="CONTACT_ID",
        help="only these (default: everyone)",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    imported = actions.add_parser("import", parents=parents, help="add contacts from vCards")
    imported.add_argument("file", metavar="FILE", help="a .vcf file; - reads stdin")


def _json(listing: Any) -> dict[str, Any]:
    fields = listing.contact.fields
    return {
        "id": listing.contact.id,
        "name": fields.name,
        "company": fields.company,
        "title": fields.title,
        "email": fields.email,
        "phone": fields.phone,
        "link": fields.link,
        "note": fields.note,
        "applications": [
            {"posting_id": posting_id, "title": title, "role": role}
            for posting_id, title, role in listing.applications
        ],
    }


def run_contact(db: Library, args: argparse.Namespace) -> int:
    action = args.contact_action
    if action == "add":
        fields = core_contacts.ContactFields(
            name=args.name,
            company=args.company,
            title=args.role,
            email=args.email,
            phone=args.phone,
            link=args.link,
            note=args.note,
        )
        stored = contacts.add_contact(db, fields).value
        print(f"contact #{stored.id} {stored.name} ({stored.company}) added")
    elif action == "list":
        everyone = contacts.list_contacts(db, args.search)
        if args.json:
            text = json.dumps([_json(c) for c in everyone], ensure_ascii=False, indent=2)
            sys.stdout.write(text + "\n")
            return 0
        for listed in everyone:
            fields = listed.contact.fields
            print(
                f"{listed.contact.id:5}  {fields.name:24} {fields.company:24} {fields.email or ''}"
            )
    elif action == "link":
        contacts.link_contact(db, args.contact_id, args.posting_id, args.role)
        print(f"contact #{args.contact_id} is now {args.role} of posting #{args.posting_id}")
    elif action == "unlink":
        contacts.unlink_contact(db, args.contact_id, args.posting_id, args.role)
        print(f"contact #{args.contact_id} is no longer {args.role} of posting #{args.posting_id}")
    elif action == "export":
        if args.output:
            count = vcards.write_vcards(db, Path(args.output), args.contact_ids or None)
            print(f"{count} contacts written to {args.output}")
        else:
            sys.stdout.write(vcards.export_vcards(db, args.contact_ids or None))
    elif action == "import":
        done = vcards.import_vcards(db, _read_cards(args.file)).value
        print(f"{len(done.added)} contacts added, {len(done.skipped)} already there")
        for skipped in done.skipped:
            print(f"  skipped {skipped}")
    else:
        removed = contacts.delete_contact(db, args.contact_id).value
        print(f"contact #{removed.contact.id} {removed.contact.name} deleted")
    return 0


def _read_cards(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandFailed(f"cannot read {name}: {error}") from None
