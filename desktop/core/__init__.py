"""Plain Python domain of Jobdeck: no Qt, no SQL."""
