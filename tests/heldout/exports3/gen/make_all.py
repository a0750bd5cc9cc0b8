"""Writes every file of the exports3 held-out set and its .expected.json.

Run:  /work/heldout_new/.venv/bin/python gen/make_all.py
Each generator asserts its expected list against the totals the file itself prints.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import files_il  # noqa: E402
import files_intl  # noqa: E402


def main():
    fns = files_il.ALL + files_intl.ALL
    for fn in fns:
        fn()
    print(f"wrote {len(fns)} files")


if __name__ == "__main__":
    main()
