"""Everyone in the library as a flat table model keyed by contact id: name, company,
role/title, e-mail, phone, and the applications they are part of.

A contact list is hundreds of rows, not 100,000: the model holds them all and reads them again
(searching in SQL) on a reset.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.contacts import ContactListing

COL_NAME, COL_COMPANY, COL_TITLE, COL_EMAIL, COL_PHONE, COL_APPLICATIONS = range(6)
HEADERS = ("Name", "Company", "Role/title", "E-mail", "Phone", "Applications")
ID_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


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


class ContactTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ContactListing] = []

    def set_rows(self, rows: list[ContactListing]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def listing(self, row: int) -> ContactListing:
        return self._rows[row]

    def row_of(self, contact_id: int) -> int | None:
        for row, listing in enumerate(self._rows):
            if listing.contact.id == contact_id:
                return row
        return None

    # -- QAbstractTableModel --------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        listing = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(listing, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_APPLICATIONS:
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

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None
