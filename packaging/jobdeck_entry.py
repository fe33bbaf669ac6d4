"""The bundle's entry point: the ``main`` that ``jobdeck`` and ``python -m desktop`` run."""

from desktop.__main__ import main

if __name__ == "__main__":
    main()
