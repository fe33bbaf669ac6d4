"""Everything Qt: the window, its models, views and dialogs. Only this package imports Qt."""

from desktop.ui.pyside_scan import skip_feature_scan

# Before any module of the window: PySide6 would read each one's source (``pyside_scan``).
skip_feature_scan()
