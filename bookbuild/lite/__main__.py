"""``python -m bookbuild.lite fetch`` / ``install SITE_DIR``: see the package docstring."""

import sys

from bookbuild.lite.runtime import LiteBuildError, main

try:
    sys.exit(main(sys.argv[1:]))
except LiteBuildError as exc:
    sys.exit(f"bookbuild.lite: {exc}")
