"""Every stored document file (each version of a resume, say) with the applications it went
to, as a flat table model keyed by the file's SHA-256."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.documents import DocumentVersion

COL_LABELS, COL_FILE, COL_SIZE, COL_SENT_TO = range(4)
HEADERS = ("Label", "File", "Size", "Sent with")
SHA_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


def _display(version: DocumentVersion, column: int) -> str:
    if column == COL_LABELS:
        return ", ".join(dict.fromkeys(label for _, _, _, label, _ in version.sent_with))
    if column == COL_FILE:
        return version.file_name
    if column == COL_SIZE:
        from desktop.ui.views.documents_panel import size_text

        return size_text(version.size)
    return "; ".join(
        f"{title}" + (f" ({sent.isoformat()})" if sent else "")
        for _, _, title, _, sent in version.sent_with
    )


class DocumentTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[DocumentVersion] = []

    def set_rows(self, rows: list[DocumentVersion]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def version(self, row: int) -> DocumentVersion:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        version = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(version, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"SHA-256 {version.sha256}"
        if role == SHA_ROLE:
            return version.sha256
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
