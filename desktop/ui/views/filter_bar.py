"""The filter bar under the search box: Stage, Work model, Type, Location, Posted, Applied,
Salary (and any choice another part adds, such as Label), each a button with a menu.

The bar turns what is ticked into filter terms (``core.filter_terms``: ``stage:Applied``) that
travel with the search text to every view that follows the search. Menus are filled when
opened, so the bar costs nothing before the first paint. Its state is a plain dict of ticked
values per choice, kept in the window's settings by the list page.

Another part adds a choice with ``add_choice`` (a key, a title, the options when the menu
opens, and the term for a value), as the list's Label choice does (``ui.list_filters``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget

from desktop.ui.views.flow_layout import FlowLayout

Options = Callable[[], list[tuple[str, str]]]  # (value, what the menu says), when opened
TermOf = Callable[[str], str]


@dataclass
class _Choice:
    key: str
    title: str
    options: Options
    term_of: TermOf
    several: bool  # several values may be ticked (they widen), or one at most
    button: QToolButton
    shown: Callable[[str], str]  # a ticked value as the button names it
    ticked: list[str] = field(default_factory=list)


class FilterBar(QWidget):
    """``changed`` after the user ticks or clears a filter; ``terms()`` is what to search by."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filter-bar")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._choices: dict[str, _Choice] = {}
        self._pending: dict[str, list[str]] = {}  # restored for a choice not added yet
        self._layout = FlowLayout(self)  # wraps onto a second line in a narrow window
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("filter-clear")
        self.clear_button.setText("Clear filters")
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.hide()
        self._layout.addWidget(self.clear_button)

    # -- building ------------------------------------------------------------------------------

    def add_choice(
        self,
        key: str,
        title: str,
        options: Options,
        term_of: TermOf,
        *,
        several: bool = True,
        shown: Callable[[str], str] | None = None,
    ) -> QToolButton:
        """A button titled ``title`` whose menu lists ``options()`` (read when it opens) and
        ticks values; each ticked value filters by ``term_of(value)``. ``several``: values
        widen (else one at most); ``shown(value)``: how the button names a ticked value."""
        button = QToolButton()
        button.setObjectName(f"filter-{key}")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setAutoRaise(True)
        menu = QMenu(button)
        button.setMenu(menu)
        choice = _Choice(key, title, options, term_of, several, button, shown or str)
        menu.aboutToShow.connect(lambda: self._fill(choice))
        self._choices[key] = choice
        self._layout.insertWidget(len(self._choices) - 1, button)
        pending = self._pending.pop(key, None)
        if pending is not None:
            self.restore({key: pending})
        self._show(choice)
        return button

    def _fill(self, choice: _Choice) -> None:
        menu = choice.button.menu()
        menu.clear()
        anything = menu.addAction("Any")
        anything.setCheckable(True)
        anything.setChecked(not choice.ticked)
        anything.triggered.connect(lambda: self._set(choice, []))
        menu.addSeparator()
        group = None if choice.several else QActionGroup(menu)
        offered = choice.options()
        values = [value for value, _text in offered]
        # A value ticked earlier that is not offered now (no posting has it any more) stays
        # listed, so it can be unticked.
        offered += [(value, value) for value in choice.ticked if value not in values]
        for value, text in offered:
            action = QAction(text, menu)
            action.setCheckable(True)
            action.setChecked(value in choice.ticked)
            action.setData(value)
            if group is not None:
                group.addAction(action)
            action.triggered.connect(
                lambda checked, v=value: self._tick(choice, v, checked)  # type: ignore[misc]
            )
            menu.addAction(action)

    # -- state ---------------------------------------------------------------------------------

    def _tick(self, choice: _Choice, value: str, checked: bool) -> None:
        if not choice.several:
            self._set(choice, [value] if checked else [])
        elif checked and value not in choice.ticked:
            self._set(choice, [*choice.ticked, value])
        elif not checked and value in choice.ticked:
            self._set(choice, [v for v in choice.ticked if v != value])

    def _set(self, choice: _Choice, values: list[str]) -> None:
        if values == choice.ticked:
            return
        choice.ticked = values
        self._show(choice)
        self.changed.emit()

    def _show(self, choice: _Choice) -> None:
        button = choice.button
        ticked = choice.ticked
        if not ticked:
            button.setText(choice.title)
        else:
            name = choice.shown(ticked[0])
            first = name if len(name) <= 24 else name[:23] + "…"
            more = f" +{len(ticked) - 1}" if len(ticked) > 1 else ""
            button.setText(f"{choice.title}: {first}{more}")
        font = button.font()
        font.setBold(bool(ticked))
        button.setFont(font)
        named = ", ".join(map(choice.shown, ticked))
        button.setToolTip(named if ticked else f"Any {choice.title.lower()}")
        self.clear_button.setVisible(any(c.ticked for c in self._choices.values()))

    def set_ticked(self, key: str, values: list[str]) -> None:
        """Tick ``values`` of the choice ``key`` (replacing what was ticked)."""
        choice = self._choices[key]
        self._set(choice, list(values) if choice.several else list(values)[:1])

    def ticked(self, key: str) -> list[str]:
        return list(self._choices[key].ticked)

    def clear(self) -> None:
        if not any(c.ticked for c in self._choices.values()):
            return
        for choice in self._choices.values():
            choice.ticked = []
            self._show(choice)
        self.changed.emit()

    def terms(self) -> str:
        """The ticked filters as search terms ("" when none)."""
        return " ".join(
            choice.term_of(value) for choice in self._choices.values() for value in choice.ticked
        )

    def state(self) -> dict[str, list[str]]:
        """What is ticked, by choice (for the settings)."""
        kept = {key: list(c.ticked) for key, c in self._choices.items() if c.ticked}
        return {**self._pending, **kept}

    def restore(self, state: dict[str, list[str]]) -> None:
        """Tick what ``state`` holds, quietly (no ``changed``); unknown choices wait in
        ``pending`` for a part that adds its choice later."""
        for key, values in state.items():
            if not isinstance(values, list):
                continue
            choice = self._choices.get(key)
            if choice is None:
                self._pending[key] = [str(v) for v in values]
                continue
            ticked = [str(v) for v in values][: None if choice.several else 1]
            choice.ticked = ticked
            self._show(choice)
