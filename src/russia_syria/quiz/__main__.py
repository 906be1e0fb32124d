"""Command line: ``python -m russia_syria.quiz check quizzes/`` (exit 1 with messages if a file is wrong),
``... key NAME`` (answer key as Markdown), ``... size [PAGE [PLAIN_PAGE]]`` (JS bytes quizzes add to a
built page: the module alone; the quiz scripts found in PAGE; or PAGE minus a page without a quiz)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .budget import BUDGET_BYTES, module_bytes, page_quiz_js_bytes, quiz_js_bytes
from .errors import QuizError
from .files import verdicts
from .key import answer_key_markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m russia_syria.quiz", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    chk = sub.add_parser("check", help="validate every quiz file in a folder")
    chk.add_argument("folder", type=Path, nargs="?", default=Path("quizzes"))
    key = sub.add_parser("key", help="print a quiz's answer key as Markdown")
    key.add_argument("name")
    size = sub.add_parser("size", help="JS bytes a quiz adds to a built page (vs a page without a quiz)")
    size.add_argument("quiz_page", type=Path, nargs="?")
    size.add_argument("plain_page", type=Path, nargs="?")
    args = parser.parse_args(argv)

    if args.cmd == "check":
        if not args.folder.is_dir():
            print(f"{args.folder}: not a folder", file=sys.stderr)
            return 1
        results = verdicts(args.folder)  # every file gets its own verdict, whatever the others hold
        for name, problem in results:
            if problem:
                print(problem, file=sys.stderr)
            else:
                print(f"{name}: ok")
        problems = sum(1 for _, problem in results if problem)
        print(f"{len(results)} quiz file(s) checked, {problems} problem(s)")
        return 1 if problems else 0
    if args.cmd == "key":
        try:
            print(answer_key_markdown(args.name), end="")
        except QuizError as exc:
            print(exc, file=sys.stderr)
            return 1
        return 0
    if args.quiz_page and args.plain_page:
        added = quiz_js_bytes(args.quiz_page, args.plain_page)
    elif args.quiz_page:
        added = page_quiz_js_bytes(args.quiz_page)
    else:
        added = module_bytes()
    print(f"quiz JavaScript: {added} bytes (budget {BUDGET_BYTES})")
    return 0 if added <= BUDGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
