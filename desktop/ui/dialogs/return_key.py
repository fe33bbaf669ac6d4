"""What Return presses in a dialog: one chosen button, or none; never the last button focused.

Qt makes every push button in a dialog "auto default": a button that once had focus becomes the
one Return presses, and it can stay so after the user clicks into a field. Return in a field
could then press Skip, Delete stage or Cancel and lose what was typed. Every dialog with more
than an OK and a Cancel says here which button Return presses.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QPushButton


def return_presses(dialog: QDialog, button: QPushButton | None) -> None:
    """Make ``button`` (inside ``dialog``) the only one Return presses; None: Return presses no
    button (fields that act on Return, such as "New stage", keep doing so). Call it once the
    dialog's buttons are all made and placed in it."""
    for each in dialog.findChildren(QPushButton):
        each.setAutoDefault(False)
        each.setDefault(False)
    if button is not None:
        button.setDefault(True)
