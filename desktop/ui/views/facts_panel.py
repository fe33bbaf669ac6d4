"""The application's own facts, in the workspace beside the posting: applied on (from the move to
Applied, or the user's own date), the posting's deadline, a rating of 1-5, whether they were
referred, and its labels (edited in the labels dialog: the window's Edit > Labels…). Each change
is an undo step through the door.
"""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.application_facts import ApplicationFacts, WorkspaceCounts
from desktop.core.display import deadline_display
from desktop.services import application_facts, labels
from desktop.services.changes import Changes
from desktop.ui.pages import WindowParts
from desktop.ui.views.chips import ChipsView
from desktop.ui.views.sections import plain_label

RATING_TEXTS = ("Not rated", "★", "★★", "★★★", "★★★★", "★★★★★")


class FactsPanel(QWidget):
    title_changed = Signal(str)

    def __init__(self, parts: WindowParts) -> None:
        super().__init__()
        self.setObjectName("facts-panel")
        self._parts = parts
        self.posting_id: int | None = None
        self.facts: ApplicationFacts | None = None
        self._showing = False  # True while widgets are filled in from the library
        self._stale = False  # out of sight when the posting changed: read when shown
        self.applied = QDateEdit()
        self.applied.setObjectName("applied-on")
        self.applied.setCalendarPopup(True)
        self.applied.setDisplayFormat("yyyy-MM-dd")
        self.applied.setSpecialValueText("Not applied yet")
        self.applied.setMinimumDate(QDate(1900, 1, 1))
        self.clear_applied = QToolButton()
        self.clear_applied.setText("Clear")
        self.clear_applied.setToolTip("Forget your own date: use the move to Applied again")
        self.applied_source = plain_label("", muted=True, selectable=False)
        self.deadline = QLabel()
        self.deadline.setObjectName("deadline")
        self.rating = QComboBox()
        self.rating.setObjectName("rating")
        self.rating.addItems(RATING_TEXTS)
        self.rating.setToolTip("How much you want this one (1-5)")
        self.referral = QCheckBox("I was referred")
        self.referral.setObjectName("referral")
        self.labels = ChipsView(prefix="Labels")
        self.labels.setObjectName("facts-labels")
        self.no_labels = plain_label("None yet.", muted=True, selectable=False)
        self.edit_labels = QToolButton()
        self.edit_labels.setObjectName("edit-labels")
        self.edit_labels.setText("Labels…")
        self.edit_labels.setToolTip("Put labels on this application, or make new ones (Ctrl+L)")
        self.edit_labels.clicked.connect(self._edit_labels)
        labels_row = QHBoxLayout()
        labels_row.addWidget(self.labels, 1)
        labels_row.addWidget(self.no_labels, 1)
        labels_row.addWidget(self.edit_labels)
        applied_row = QHBoxLayout()
        applied_row.addWidget(self.applied)
        applied_row.addWidget(self.clear_applied)
        applied_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Applied on", applied_row)
        form.addRow("", self.applied_source)
        form.addRow("Apply by", self.deadline)
        form.addRow("Rating", self.rating)
        form.addRow("Referral", self.referral)
        form.addRow("Labels", labels_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(form)
        layout.addStretch(1)
        self.applied.editingFinished.connect(self._applied_edited)
        self.clear_applied.clicked.connect(
            lambda: self._change("Clear applied date", applied_at=None)
        )
        self.rating.currentIndexChanged.connect(self._rating_chosen)
        self.referral.toggled.connect(self._referral_toggled)
        parts.operations.changed.connect(self._changed)
        self.setEnabled(False)
        self.title_changed.emit("Application")

    def show_posting(self, posting_id: int | None, counts: WorkspaceCounts | None = None) -> None:
        """Show the application's facts; out of sight (another tab shown) with ``counts``
        given, only the title's rating is set and the facts are read when the tab is shown."""
        self.posting_id = posting_id
        self.setEnabled(posting_id is not None)
        if counts is not None and not self.isVisible():
            self._stale = True
            self._titled(counts.rating)
            return
        self.reload()

    def start_writing(self) -> None:
        self.rating.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _titled(self, rating: int | None) -> None:
        self.title_changed.emit(f"Application {RATING_TEXTS[rating]}" if rating else "Application")

    def reload(self) -> None:
        self._stale = False
        self.facts = (
            application_facts.get_facts(self._parts.library, self.posting_id)
            if self.posting_id is not None
            else None
        )
        facts = self.facts
        self._showing = True
        try:
            if facts is None or facts.applied_at is None:
                self.applied.setDate(self.applied.minimumDate())  # shows "Not applied yet"
            else:
                local = facts.applied_at.astimezone()
                self.applied.setDate(QDate(local.year, local.month, local.day))
            self.clear_applied.setVisible(bool(facts and facts.applied_set_by_user))
            if facts is None or facts.applied_at is None:
                source = "Set by the move to Applied, or pick the day."
            elif facts.applied_set_by_user:
                source = "Your own date."
            else:
                source = "From the move to Applied."
            self.applied_source.setText(source)
            self.deadline.setText(
                deadline_display(facts.deadline) if facts and facts.deadline else "—"
            )
            self.rating.setCurrentIndex(facts.rating or 0 if facts else 0)
            self.referral.setChecked(bool(facts and facts.referral))
            self._show_labels()
        finally:
            self._showing = False
        self._titled(facts.rating if facts else None)

    # -- changes, through the door ------------------------------------------------------------

    def _change(self, title: str, **changed: object) -> None:
        posting_id, library = self.posting_id, self._parts.library
        if posting_id is None or self._showing:
            return
        self._parts.operations.run(
            title,
            lambda: application_facts.change_facts(library, posting_id, **changed),
            undo=lambda before: application_facts.set_facts(library, posting_id, before),
            initiator=self,
            failure=lambda _error: self.reload(),
        )

    def _applied_edited(self) -> None:
        if self._showing or self.applied.date() == self.applied.minimumDate():
            return
        day = self.applied.date().toPython()
        at = datetime.combine(day, time(12, 0)).astimezone()  # noon local: the day in any zone
        facts = self.facts
        if facts is not None and facts.applied_at and facts.applied_at.astimezone().date() == day:
            return
        self._change("Set applied date", applied_at=at)

    def _show_labels(self) -> None:
        carried = (
            labels.labels_of(self._parts.library, self.posting_id)
            if self.posting_id is not None
            else ()
        )
        self.labels.set_chips(
            tuple(label.name for label in carried), tuple(label.color for label in carried)
        )
        self.labels.setVisible(bool(carried))
        self.no_labels.setVisible(not carried)

    def _edit_labels(self) -> None:
        action = getattr(self._parts.window, "action", None)
        if action is not None:
            action("labels.edit").trigger()  # the window's own: one dialog, one undo step

    def _rating_chosen(self, index: int) -> None:
        self._change("Rate application", rating=index or None)

    def _referral_toggled(self, checked: bool) -> None:
        self._change("Set referral", referral=checked)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if self.posting_id is None:
            return
        if self.posting_id in changes.deleted:
            self.show_posting(None)
        elif self.posting_id in changes.facts | changes.moved | changes.updated or changes.stages:
            self.reload()
        elif self.posting_id in changes.labelled and not self._stale:
            self._show_labels()
