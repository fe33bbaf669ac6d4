"""The work models a posting can have, as stored and shown (schema.org has no such field; the
JSON contract's ``work_model``). A module of its own so that the search and the filters read
them without loading the posting types (``core.posting``, 20 ms)."""

WORK_MODELS = ("Remote", "Hybrid", "Onsite")
