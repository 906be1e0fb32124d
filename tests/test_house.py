"""The code a newcomer reads stays in small modules: no hand-written module in the runtime (src/), the book build
(bookbuild/) or the tests passes about 300 lines. A generated file (its first lines say GENERATED) is exempt:
people edit its sources."""

from __future__ import annotations

from conftest import ROOT

LIMIT = 300
FOLDERS = ("src", "bookbuild", "tests")
SUFFIXES = {".py", ".mjs", ".js"}


def hand_written_modules() -> list:
    modules = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in SUFFIXES and not {"node_modules", "__pycache__", "fixtures"} & set(path.parts):
                head = path.read_text(encoding="utf-8", errors="replace").splitlines()[:3]
                if not any("GENERATED" in line for line in head):
                    modules.append(path)
    return modules


def test_every_hand_written_module_stays_small():
    modules = hand_written_modules()
    assert len(modules) > 100  # the walk found the tree
    long = {str(p.relative_to(ROOT)): n for p in modules
            if (n := len(p.read_text(encoding="utf-8", errors="replace").splitlines())) > LIMIT}
    assert long == {}, f"split these by job (at most about {LIMIT} lines each): {long}"
