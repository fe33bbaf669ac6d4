"""Everyone in the library as a flat table model keyed by contact id: name, company,
role/title, e-mail, phone, and the applications they are part of.

A contact list is hundreds of rows, not 100,000: the model holds them all and reads them again
(searching in SQL) on a reset.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.core.contacts import ContactListing
from desktop.ui.models.rows_model import RowsTableModel

COL_NAME, COL_COMPANY, COL_TITLE, COL_EMAIL, COL_PHONE, COL_APPLICATIONS = range(6)
HEADERS = ("Name", "Company", "Role/title", "E-mail", "Phone", "Applications")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def applications_shown(listing: ContactListing) -> str:
    """ "Research Intern (recruiter); SDE (interviewer)", or ""."""
    return "; ".join(f"{title} ({role})" for _, title, role in listing.applications)


def _display(listing: ContactListing, column: int) -> str:
    fields = listing.contact.fields
    values = (
        fields.name,
        fields.company,
        fields.title or "",
        fields.email or "",
        fields.phone or "",
        applications_shown(listing),
    )
    return values[column]


class ContactTableModel(RowsTableModel[ContactListing]):
    HEADERS = HEADERS

    def listing(self, row: int) -> ContactListing:
        return self._rows[row]

    def row_of(self, contact_id: int) -> int | None:
        for row, listing in enumerate(self._rows):
            if listing.contact.id == contact_id:
                return row
        return None

    def row_data(self, listing: ContactListing, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(listing, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_APPLICATIONS:
            return (
                "\n".join(
                    f"#{posting_id} {title}: {role_name}"
                    for posting_id, title, role_name in listing.applications
                )
                or None
            )
        if role == ID_ROLE:
            return listing.contact.id
        return None
