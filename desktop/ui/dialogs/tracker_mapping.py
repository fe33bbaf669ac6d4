"""The column mapping of a spreadsheet or tracker export, with the first rows read through it.

Shown by File > Import (or a drop) for a .csv, .tsv, .xlsx or Markdown table. The proposed
mapping (a recognised preset, or the header synonyms) can be changed field by field, or replaced
by a preset the user saved; statuses no stage fits are asked once, each with Applied offered.
``import_requested(mapping)`` hands the mapping to the import flow, which saves in the background.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.importers import ImportRefused
from desktop.services import tracker_import
from desktop.services.errors import ServiceError
from desktop.services.library import Library
from desktop.ui.dialogs import messages
from desktop.ui.dialogs.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from desktop.importers.tables import Table
    from desktop.importers.tracker_mapping import ColumnMapping

PREVIEW_ROWS = 20
_NO_COLUMN = "(none)"
_PREVIEW_COLUMNS = ("Row", "Company", "Title", "Stage", "History", "Note")


def _history_text(history: tuple[tuple[str, object], ...]) -> str:
    parts = []
    for stage, at in history:
        local = at.astimezone()  # type: ignore[attr-defined]
        parts.append(f"{stage} {local:%Y-%m-%d}")
    return " → ".join(parts)


class TrackerMappingDialog(QDialog):
    """Emits ``import_requested(ColumnMapping, decision)`` when the user imports with the
    mapping shown; the decision is the name of what to do with a row repeating a saved posting
    (``importing.Decision``: FILL_EMPTY by default)."""

    import_requested = Signal(object, str)

    def __init__(
        self, db: Library, path: Path, table: Table, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._path = path
        self.table = table
        self.stages = tracker_import.stage_names(db)
        self.mapping = tracker_import.propose_mapping(table)
        self.setObjectName("tracker-mapping")
        self.setWindowTitle(f"Import {path.name}")
        fit_to_screen(self, 1100, 720)
        self._build()
        self._show_mapping()

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("mapping-summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)

        self.presets = QComboBox()
        self.presets.setObjectName("mapping-presets")
        self.presets.addItem("As proposed", None)
        for name, file in tracker_import.saved_presets(self._db.data_dir).items():
            self.presets.addItem(name, str(file))
        self.presets.activated.connect(self._preset_chosen)
        self.save_preset_button = QPushButton("Save as preset…")
        self.save_preset_button.clicked.connect(self.ask_preset_name)
        self.save_preset_button.setAutoDefault(False)  # Return imports, wherever focus is
        preset_row = QHBoxLayout()
        preset_row.addWidget(QLabel("Preset:"))
        preset_row.addWidget(self.presets, 1)
        preset_row.addWidget(self.save_preset_button)

        columns_box = QGroupBox("Which column is which")
        form = QFormLayout(columns_box)
        self.field_boxes: dict[str, QComboBox] = {}
        for name, label in tracker_import.fields().items():
            box = QComboBox()
            box.setObjectName(f"field-{name}")
            box.addItem(_NO_COLUMN, None)
            for column, header in enumerate(self.table.header):
                box.addItem(header or f"Column {column + 1}", column)
            box.activated.connect(lambda _index, name=name: self._column_chosen(name))
            self.field_boxes[name] = box
            form.addRow(label, box)

        self.statuses_box = QGroupBox("Statuses no stage fits")
        self.statuses_form = QFormLayout(self.statuses_box)
        self.status_boxes: dict[str, QComboBox] = {}

        self.preview = QTableWidget(0, len(_PREVIEW_COLUMNS))
        self.preview.setObjectName("mapping-preview")
        self.preview.setHorizontalHeaderLabels(_PREVIEW_COLUMNS)
        self.preview.verticalHeader().hide()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.repeats = QComboBox()
        self.repeats.setObjectName("mapping-repeats")
        for label, decision in (
            ("fill its empty fields, change nothing else", "FILL_EMPTY"),
            ("update it with the row", "UPDATE_EXISTING"),
            ("skip the row", "SKIP"),
            ("keep both", "SAVE_NEW"),
        ):
            self.repeats.addItem(label, decision)
        repeats_row = QHBoxLayout()
        repeats_row.addWidget(QLabel("A row repeating a saved posting:"))
        repeats_row.addWidget(self.repeats)
        repeats_row.addStretch(1)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.request_import)
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addLayout(preset_row)
        # The fields and statuses scroll: on a 1024x640 screen they are taller than the
        # dialog may be, and the Import button must stay in view.
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addWidget(columns_box)
        fields_layout.addWidget(self.statuses_box)
        fields_layout.addStretch(1)
        scroller = QScrollArea()
        scroller.setObjectName("mapping-fields")
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setWidget(fields)
        scroller.setMinimumWidth(fields.sizeHint().width() + 24)  # room for the scroll bar
        left.addWidget(scroller, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(f"The first {PREVIEW_ROWS} rows, as they will be saved"))
        right.addWidget(self.preview, 1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        layout.addLayout(repeats_row)
        layout.addWidget(self.buttons)

    # -- showing the mapping -------------------------------------------------------------------

    def _show_mapping(self) -> None:
        for name, box in self.field_boxes.items():
            box.setCurrentIndex(box.findData(self.mapping.column(name)))
        how = (
            f"recognised as {self.mapping.preset}"
            if self.mapping.preset
            else "columns matched by their headers"
        )
        self.summary.setText(
            f"{self._path.name}: {self.table.kind}, {len(self.table.rows):,} rows, {how}."
        )
        self._show_statuses()
        self._show_preview()

    def _show_statuses(self) -> None:
        while self.statuses_form.rowCount():
            self.statuses_form.removeRow(0)
        self.status_boxes = {}
        unmapped = tracker_import.unmapped_statuses(self.table, self.mapping, self.stages)
        self.statuses_box.setVisible(bool(unmapped))
        default = next((s for s in self.stages if s.casefold() == "applied"), None)
        for status in unmapped:
            box = QComboBox()
            box.addItems(self.stages)
            if default is not None:
                box.setCurrentText(default)
            box.currentIndexChanged.connect(self._show_preview)
            self.status_boxes[status] = box
            self.statuses_form.addRow(f"“{status}”", box)

    def _show_preview(self) -> None:
        table, mapping, stages = self.current_mapping()
        rows = tracker_import.preview(table, mapping, stages, PREVIEW_ROWS)
        self.preview.setRowCount(len(rows))
        for index, row in enumerate(rows):
            # The row's number is in its own column: the notes say only what is wrong.
            note = "; ".join(n.split(": ", 1)[-1] for n in (row.problem, *row.notes) if n)
            cells = (
                str(row.row),
                row.values.get("company", ""),
                row.values.get("title", ""),
                row.stage or "",
                _history_text(row.history),
                note,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.problem:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.preview.setItem(index, column, item)
        self.preview.resizeColumnsToContents()
        missing = tracker_import.checked_mapping_problem(self.mapping)
        self.import_button.setEnabled(missing is None)
        self.import_button.setToolTip(missing or "")

    # -- changes -------------------------------------------------------------------------------

    def current_mapping(self) -> tuple[Table, ColumnMapping, list[str]]:
        """The table, the mapping with the statuses answered, and the library's stages."""
        mapping = self.mapping
        for status, box in self.status_boxes.items():
            mapping = mapping.with_status(status, box.currentText())
        return self.table, mapping, self.stages

    def _column_chosen(self, name: str) -> None:
        self.mapping = self.mapping.with_column(name, self.field_boxes[name].currentData())
        self._show_mapping()

    def set_column(self, name: str, header: str | None) -> None:
        """Read ``name`` from the column with this header (None: from none), as the user would."""
        box = self.field_boxes[name]
        box.setCurrentIndex(box.findText(header) if header else box.findData(None))
        self._column_chosen(name)

    def _preset_chosen(self, index: int) -> None:
        file = self.presets.itemData(index)
        if file is None:
            self.mapping = tracker_import.propose_mapping(self.table)
        else:
            try:
                self.mapping = tracker_import.load_mapping(Path(file), self.table)
            except ImportRefused as refused:
                messages.show_error(self, "This preset does not fit", refused.reason)
                return
        self._show_mapping()

    def ask_preset_name(self) -> None:
        dialog = QInputDialog(self)
        dialog.setObjectName("preset-name")
        dialog.setWindowTitle("Save as preset")
        dialog.setLabelText("Name of the preset:")
        dialog.textValueSelected.connect(self.save_preset)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def save_preset(self, name: str) -> None:
        _, mapping, _ = self.current_mapping()
        try:
            file = tracker_import.save_preset(self._db.data_dir, name, mapping, self.table)
        except ServiceError as error:
            messages.show_error(self, "Preset not saved", str(error))
            return
        shown = " ".join(name.split())
        index = self.presets.findText(shown)
        if index < 0:
            self.presets.addItem(shown, str(file))
            index = self.presets.count() - 1
        self.presets.setCurrentIndex(index)

    def request_import(self) -> None:
        _, mapping, _ = self.current_mapping()
        self.import_requested.emit(mapping, self.repeats.currentData())
        self.accept()
