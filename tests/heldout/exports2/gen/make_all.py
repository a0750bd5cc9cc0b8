"""Write every file of the held-out export set and its NAME.expected.json.

Evaluation only. Run: /work/heldout_new/.venv/bin/python gen/make_all.py
Each module writes its files and asserts the hand-written expected lists
against the totals the files print.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import intl_a  # noqa: E402
import intl_b  # noqa: E402
import israeli_a  # noqa: E402
import israeli_b  # noqa: E402


def main() -> None:
    israeli_a.make()
    israeli_b.make()
    intl_a.make()
    intl_b.make()
    out = Path(__file__).resolve().parent.parent
    data = sorted(p.name for p in out.iterdir()
                  if p.is_file() and not p.name.endswith(".expected.json")
                  and p.name != "README.md")
    missing = [n for n in data if not (out / f"{n}.expected.json").exists()]
    assert not missing, missing
    assert len(data) == 24, (len(data), data)
    print(f"wrote {len(data)} files with expectations")


if __name__ == "__main__":
    main()
