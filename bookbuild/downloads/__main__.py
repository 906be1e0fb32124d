"""``python -m bookbuild.downloads [--source .] [--site _build/html] [--pdf _build/pdf] [--cache DIR]``: print the PDFs
(``bookbuild.pdf``) from the site build's execution cache, then copy them into ``<site>/downloads/``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bookbuild import pdf

from . import publish


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("."))
    parser.add_argument("--site", type=Path, default=Path("_build/html"))
    parser.add_argument("--pdf", type=Path, default=Path("_build/pdf"), help="where the PDFs are printed")
    parser.add_argument("--cache", type=Path, default=None, help="execution cache (default: the main build's)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no built site here; run `make book` (it builds the site, then its downloads)",
              file=sys.stderr)
        return 1
    cache = ["--cache", str(args.cache)] if args.cache else []
    status = pdf.main(["--source", str(args.source), "--output", str(args.pdf), *cache])
    if status != 0:
        return status
    try:
        copies = publish(args.pdf, args.site)
    except FileNotFoundError as err:
        print(err, file=sys.stderr)
        return 1
    print("Downloads in the site: " + ", ".join(str(c) for c in copies))
    return 0


if __name__ == "__main__":
    sys.exit(main())
