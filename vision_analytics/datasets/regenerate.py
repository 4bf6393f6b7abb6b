"""Rewrite the bundled sample accounts: ``python -m vision_analytics.datasets.regenerate``.

Without ``--out`` the repository's ``data/`` folder is rewritten; the files are
byte-identical to the committed ones unless the simulator changed.
"""

from __future__ import annotations

import argparse

from ._sample import SAMPLES, regenerate_samples


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m vision_analytics.datasets.regenerate",
        description="Regenerate the bundled sample accounts from their seeds.")
    parser.add_argument("--out", default=None,
                        help="folder receiving <name>/ sub-folders (default: the repo's data/)")
    parser.add_argument("--name", action="append", choices=sorted(SAMPLES),
                        help="only this sample (repeatable; default: all)")
    args = parser.parse_args(argv)
    for name, paths in regenerate_samples(args.out, names=args.name).items():
        print(f"{name}: " + ", ".join(str(p) for p in paths.values() if p is not None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
