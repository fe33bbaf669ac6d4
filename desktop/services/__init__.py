"""Use cases over the library: one short session per call, frozen snapshots out. No Qt here."""
