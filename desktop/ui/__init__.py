"""Everything Qt: the window, its models, views and dialogs. Only this package imports Qt."""
