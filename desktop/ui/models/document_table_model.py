"""Every stored document file (each version of a resume, say) with the applications it went
to, as a flat table model keyed by the file's SHA-256."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.core.documents import DocumentVersion
from desktop.ui.models.rows_model import RowsTableModel

COL_LABELS, COL_FILE, COL_SIZE, COL_SENT_TO = range(4)
HEADERS = ("Label", "File", "Size", "Sent with")
SHA_ROLE = Qt.ItemDataRole.UserRole + 1


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


class DocumentTableModel(RowsTableModel[DocumentVersion]):
    HEADERS = HEADERS

    def version(self, row: int) -> DocumentVersion:
        return self._rows[row]

    def row_data(self, version: DocumentVersion, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(version, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"SHA-256 {version.sha256}"
        if role == SHA_ROLE:
            return version.sha256
        return None
