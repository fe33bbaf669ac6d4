"""Named labels: make, rename, recolour and delete them; put them on applications and take
them off. Every change returns ``Changes(labelled=..., labels=...)``: ``labelled`` holds the
applications whose labels look different (a rename shows on all its carriers), ``labels`` says
the list of labels itself changed (the filter's choices, the label menus).

The value each change returns is what undo needs: the labels an application carried before,
a label as it was, a deleted label with its carriers.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.labels import (
    PALETTE,
    Label,
    LabelProblem,
    LabelUse,
    checked_color,
    checked_name,
    color_for,
)
from desktop.services.changes import Changes, Result
from desktop.services.errors import Invalid, NotFound
from desktop.services.library import Library
from desktop.storage import label_records


class InvalidLabel(Invalid):
    """An empty or too long name, a name another label has, or a colour that is not #rrggbb."""


def list_labels(db: Library) -> list[LabelUse]:
    """Every label by name, with how many applications carry it."""
    with db.querying() as connection:
        return label_records.all_labels(connection)


def label_named(db: Library, name: str) -> Label:
    """The label of that name (any case). Raises NotFound naming it."""
    with db.querying() as connection:
        found = label_records.label_named(connection, name)
    if found is None:
        raise NotFound(f"There is no label named {name!r}.")
    return found


def labels_of(db: Library, posting_id: int) -> tuple[Label, ...]:
    """The application's labels, by name."""
    with db.querying() as connection:
        return label_records.labels_of(connection, [posting_id]).get(posting_id, ())


def _checked(name: str, color: str | None) -> tuple[str, str]:
    try:
        name = checked_name(name)
        return name, checked_color(color) if color is not None else color_for(name)
    except LabelProblem as problem:
        raise InvalidLabel(str(problem)) from None


def next_color(db: Library) -> str:
    """The palette's first colour no label has yet (the first one when all are used)."""
    used = {use.label.color for use in list_labels(db)}
    return next((c for _n, c in PALETTE if c not in used), PALETTE[0][1])


def create_label(db: Library, name: str, color: str | None = None) -> Result[Label]:
    """A new label; without ``color``, the palette's colour of that name or the default.
    Raises InvalidLabel (bad name or colour, or the name is taken), WriteFailed."""
    name, color = _checked(name, color)
    try:
        with db.plain_writing() as connection:
            label_id = label_records.add_label(connection, name, color)
    except label_records.LabelTaken as taken:
        raise InvalidLabel(str(taken)) from None
    return Result(Label(label_id, name, color), Changes(labels=True))


def update_label(db: Library, label_id: int, name: str, color: str) -> Result[Label]:
    """Rename and recolour a label; its value is the label as it was (for undo).
    Raises InvalidLabel, NotFound, WriteFailed."""
    name, color = _checked(name, color)
    try:
        with db.plain_writing() as connection:
            before = label_records.update_label(connection, label_id, name, color)
            carried = label_records.carriers(connection, label_id)
    except label_records.LabelTaken as taken:
        raise InvalidLabel(str(taken)) from None
    return Result(before, Changes(labelled=frozenset(carried), labels=True))


def delete_label(db: Library, label_id: int) -> Result[tuple[Label, list[int]]]:
    """Delete a label and take it off every application; the value (the label and its
    carriers) is what ``restore_label`` puts back. Raises NotFound, WriteFailed."""
    with db.plain_writing() as connection:
        label, carried = label_records.delete_label(connection, label_id)
    return Result((label, carried), Changes(labelled=frozenset(carried), labels=True))


def restore_label(db: Library, deleted: tuple[Label, list[int]]) -> Result[Label]:
    """Put a deleted label back, with its id, on the applications that still exist."""
    label, carried = deleted
    try:
        with db.plain_writing() as connection:
            label_records.add_label(connection, label.name, label.color, label.id)
            label_records.put_on(connection, label.id, carried)
            back = label_records.carriers(connection, label.id)
    except label_records.LabelTaken as taken:
        raise InvalidLabel(str(taken)) from None
    return Result(label, Changes(labelled=frozenset(back), labels=True))


def set_labels(db: Library, posting_id: int, label_ids: Iterable[int]) -> Result[list[int]]:
    """Make these the application's labels; the value is the ids it carried before (undo sets
    them back). Raises NotFound (the posting or a label is gone), WriteFailed."""
    with db.plain_writing() as connection:
        before = label_records.set_labels(connection, posting_id, label_ids)
    return Result(before, Changes(labelled=frozenset({posting_id})))


def _resolve(db: Library, names: Iterable[str], create: bool) -> tuple[list[int], bool]:
    """Label ids for these names; missing ones are made when ``create``, else NotFound."""
    ids, made = [], False
    for name in names:
        with db.querying() as connection:
            found = label_records.label_named(connection, name)
        if found is None:
            if not create:
                raise NotFound(f"There is no label named {name!r}.")
            found = create_label(db, name).value
            made = True
        ids.append(found.id)
    return ids, made


def put_labels(
    db: Library, posting_ids: Iterable[int], names: Iterable[str], *, create: bool = True
) -> Result[list[int]]:
    """Add the named labels to each application (making missing labels when ``create``);
    the value is the applications changed. Raises NotFound (a posting, or a label when not
    ``create``), InvalidLabel (a name that cannot be a label), WriteFailed."""
    ids, made = _resolve(db, names, create)
    changed = []
    with db.plain_writing() as connection:
        for posting_id in posting_ids:
            if not label_records.posting_exists(connection, posting_id):
                raise NotFound(f"There is no posting with id {posting_id}.")
            carried = label_records.carried_ids(connection, posting_id)
            if not set(ids) <= set(carried):
                label_records.set_labels(connection, posting_id, [*carried, *ids])
                changed.append(posting_id)
    return Result(changed, Changes(labelled=frozenset(changed), labels=made))


def take_labels(db: Library, posting_ids: Iterable[int], names: Iterable[str]) -> Result[list[int]]:
    """Take the named labels off each application; the value is the applications changed.
    Raises NotFound (a label or a posting), WriteFailed."""
    ids, _made = _resolve(db, names, create=False)
    changed = []
    with db.plain_writing() as connection:
        for posting_id in posting_ids:
            if not label_records.posting_exists(connection, posting_id):
                raise NotFound(f"There is no posting with id {posting_id}.")
            carried = label_records.carried_ids(connection, posting_id)
            kept = [i for i in carried if i not in ids]
            if kept != carried:
                label_records.set_labels(connection, posting_id, kept)
                changed.append(posting_id)
    return Result(changed, Changes(labelled=frozenset(changed)))
