"""Labels in the window: the labels dialog makes, renames and deletes labels (each an undo step)
and ticks the selected application's labels (Ctrl+L); the list's Labels column, the detail
pane and the search box's label: terms follow."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from desktop.services import labels, postings
from desktop.services.library import Library
from desktop.ui.dialogs.labels_dialog import LabelsDialog
from desktop.ui.models.posting_table_model import COL_LABELS
from desktop.ui.views.chips import ChipsView
from tests.samples import amazon_document


def _item(dialog, name: str):
    return next(
        dialog.list.item(row)
        for row in range(dialog.list.count())
        if dialog.list.item(row).text().startswith(name + " ")
    )


def test_the_dialog_makes_ticks_renames_and_deletes_labels_with_undo(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    labels.create_label(db, "Onsite")
    window = make_window()
    window.list_page.select(posting_id)
    window.action("labels.edit").trigger()
    dialog = _dialog(window)
    assert dialog.isVisible() and dialog.ticking
    dialog.name.setText("")
    dialog.add_button.click()
    assert dialog.problem.text() == "A label needs a name."  # refused in the dialog
    dialog.name.setText("Remote")
    dialog.color.setCurrentIndex(dialog.color.findText("Green"))
    dialog.add_button.click()
    assert dialog.problem.isHidden() and dialog.name.text() == ""
    assert _item(dialog, "Remote").checkState().name == "Checked"  # a new label is ticked
    dialog.accept()
    assert [(x.name, x.color) for x in labels.labels_of(db, posting_id)] == [("Remote", "#22c55e")]
    model = window.list_page.model
    assert model.data(model.index(0, COL_LABELS)) == "Remote"
    section = window.side.detail.findChild(ChipsView, "application-labels")
    assert section is not None and section.chips() == ("Remote",)

    window.action("labels.manage").trigger()
    dialog = _dialog(window)
    assert not dialog.ticking
    dialog.list.setCurrentItem(_item(dialog, "Remote"))
    dialog.name.setText("Fully remote")
    dialog.save_button.click()
    assert model.data(model.index(0, COL_LABELS)) == "Fully remote"
    assert _item(dialog, "Fully remote").text() == "Fully remote   (1 application)"
    dialog.list.setCurrentItem(_item(dialog, "Fully remote"))
    dialog.delete_button.click()
    assert model.data(model.index(0, COL_LABELS)) == ""
    window.action("window.undo").trigger()  # the delete: back, on its application
    assert model.data(model.index(0, COL_LABELS)) == "Fully remote"
    assert _item(dialog, "Fully remote") is not None  # the open dialog followed
    window.action("window.undo").trigger()  # the rename
    assert [x.name for x in labels.labels_of(db, posting_id)] == ["Remote"]
    dialog.close()


def test_the_search_box_filters_by_label(qtbot: QtBot, make_window, db: Library) -> None:
    a = postings.create_posting(db, amazon_document(title="Robotics intern", url=None)).value
    postings.create_posting(db, amazon_document(title="Pricing analyst", url=None))
    labels.put_labels(db, [a], ["Dream job"])
    window = make_window()
    window.list_page.search.setText('label:"dream job"')
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 1)
    assert window.list_page.model.posting_id(0) == a


def _dialog(window) -> LabelsDialog:
    (dialog,) = [d for d in window.findChildren(LabelsDialog) if d.isVisible()]
    return dialog


def test_the_application_tab_shows_the_labels_and_opens_the_dialog(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    window = make_window()
    window.list_page.select(posting_id)
    panel = window.side.workspace["facts"]
    window.side.tabs.setCurrentWidget(panel)
    assert panel.no_labels.isVisible() and not panel.labels.isVisible()
    window.operations.run("Label", lambda: labels.put_labels(db, [posting_id], ["Remote"]))
    assert panel.labels.chips() == ("Remote",) and panel.labels.isVisible()
    panel.edit_labels.click()
    dialog = _dialog(window)
    assert dialog.ticking and dialog.ticked == {labels.label_named(db, "remote").id}
    dialog.reject()


def test_the_filter_bar_offers_the_labels(qtbot: QtBot, make_window, db: Library) -> None:
    a = postings.create_posting(db, amazon_document(title="Robotics intern", url=None)).value
    postings.create_posting(db, amazon_document(title="Pricing analyst", url=None))
    labels.put_labels(db, [a], ["Dream job"])
    window = make_window()
    bar = window.list_page.filters
    menu = bar.findChild(QToolButton, "filter-label").menu()
    menu.aboutToShow.emit()
    (tick,) = [act for act in menu.actions() if act.text().startswith("Dream job")]
    tick.trigger()
    assert bar.terms() == 'label:"Dream job"'
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 1)
    assert window.list_page.model.posting_id(0) == a


def test_a_label_change_updates_the_detail_chips_in_place(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    red = labels.create_label(db, "Red", "#ef4444").value
    green = labels.create_label(db, "Green", "#22c55e").value
    window = make_window()
    window.list_page.select(posting_id)
    detail = window.side.detail
    page = detail.widget()
    assert detail.findChild(ChipsView, "application-labels") is None

    def label(ids: list[int]) -> None:
        window.operations.run(
            "Labels",
            lambda: labels.set_labels(db, posting_id, ids),
            undo=lambda before: labels.set_labels(db, posting_id, before),
        )

    label([red.id])  # the Application section gains its chips, below its title
    chips = detail.findChild(ChipsView, "application-labels")
    assert chips is not None and chips.chips() == ("Red",) and chips.isVisible()
    label([red.id, green.id])
    assert detail.findChild(ChipsView, "application-labels") is chips
    assert chips.chips() == ("Green", "Red")
    renamed = labels.update_label(db, red.id, "Urgent", "#ef4444")  # a rename elsewhere ...
    window.operations.broadcast(renamed.changes)
    assert chips.chips() == ("Green", "Urgent")  # ... told through the door
    label([])
    assert not chips.isVisible()
    window.action("window.undo").trigger()
    assert chips.isVisible() and chips.chips() == ("Green", "Urgent")
    assert detail.widget() is page  # never rebuilt: the page, its scroll, a selection stay
    assert window.side.detail.section("header") is not None
