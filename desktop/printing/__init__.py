"""Qt's print support for the window and the command line: pages drawn to PDF.

A drawing adapter beside ``ui``, not below it: it imports Qt (QtGui's PDF writer and text
layout) and nothing of ours, so ``jobdeck report`` can draw the same PDF as File >
Application log without importing the window's code (``cli`` never imports ``ui``). The
services build the page and take the drawing as a function (``services.application_log_report``);
nothing below ``ui`` and ``cli`` imports this package.
"""
