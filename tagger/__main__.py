"""Lets `python -m tagger` run the command line in `tagger.cli`."""

from tagger.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
