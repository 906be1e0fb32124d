"""Execute chapter notebooks and keep only the outputs that nbval checks.

Usage: ``python -m bookbuild.nbclean notebooks/01_reading_the_source.ipynb [...]``

Why: committed notebooks carry the outputs of the cells that state results (tagged
``nbval-check-output``, which nbval reads as it reads the comment, without showing students a marker) so that ``pytest --nbval-lax`` fails when the data changes a stated
result; every other output (figures, widgets, tables) is cleared to keep diffs small and reviewable.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CHECK_TAG = "nbval-check-output"


def clean(path: Path, timeout: int = 120) -> None:
    """Run ``path`` in a fresh kernel, then strip all outputs except checked cells'."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        if CHECK_TAG in cell.metadata.get("tags", []):
            count += 1
            cell.execution_count = count
        else:
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)  # widget state is volatile and large
    nbformat.write(nb, path)
    print(f"{path}: kept outputs of {count} checked cell(s)")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for arg in sys.argv[1:]:
        clean(Path(arg))
