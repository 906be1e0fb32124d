"""Find quiz files (repository, installed wheel, or an override folder) and load them."""

from __future__ import annotations

import copy
import importlib.resources
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .errors import QuizError
from .schema import validate
from .yamlfile import parse

ENV_VAR = "RUSSIA_SYRIA_QUIZZES"  # a folder of quiz files to use instead of the course's own (tests, forks)


def quiz_dir() -> Path:
    """The folder holding the quiz files.

    Order: ``$RUSSIA_SYRIA_QUIZZES``; the copy inside an installed wheel (``russia_syria/_quizzes``); the
    repository's ``quizzes/`` for an editable install.
    """
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    packaged = importlib.resources.files("russia_syria") / "_quizzes"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "quizzes"


def display_name(path: Path) -> str:
    """``quizzes/01_x.yml``: the folder and file name only, so messages never show a machine's paths."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def available() -> list[str]:
    """Names of all quiz files (without ``.yml``), sorted."""
    folder = quiz_dir()
    return sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []


def find(name: str) -> Path:
    """The file of quiz ``name`` (e.g. ``"01_reading_the_source"``); a path to a ``.yml`` file also works."""
    if name.endswith((".yml", ".yaml")) and Path(name).is_file():
        return Path(name)
    path = quiz_dir() / f"{name}.yml"
    if not path.is_file():
        known = ", ".join(available()) or "none"
        raise QuizError(f"quizzes/{name}.yml", f"no such quiz file (available: {known})")
    return path


# Parsed quiz files by (path, modification time, size): one book build reads each file for the pages, the
# teacher's keys and the LMS export, and the pure-Python YAML parser is the slow part of a rebuild.
_PARSED: dict[tuple[str, int, int], Any] = {}
PARSES: Counter = Counter()  # quiz file name -> times actually parsed since ``forget_parsed`` (tests count them)


def read_yaml(path: Path) -> Any:
    """Parse one quiz file (see ``yamlfile``), once per version of the file until ``forget_parsed``; any problem
    becomes a QuizError with the file and line. Callers get their own copy."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        PARSES[path.name] += 1
        _PARSED[key] = _parse_file(path)
    return copy.deepcopy(_PARSED[key])


def forget_parsed() -> None:
    """Start afresh (a new book build): every file is parsed again, and counted."""
    _PARSED.clear()
    PARSES.clear()


def _parse_file(path: Path) -> Any:
    name = display_name(path)
    try:
        return parse(path.read_text(encoding="utf-8-sig"))  # -sig: a byte-order mark from an editor is fine
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise QuizError(name, f"is not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    except UnicodeDecodeError as exc:
        raise QuizError(name, f"is not UTF-8 text (byte {exc.start})") from None
    except (ValueError, TypeError, AttributeError) as exc:  # a PyYAML constructor given an odd explicit tag
        raise QuizError(name, f"could not be read as YAML ({exc})") from None


def load(name: str, values: Mapping[str, Any] | None = None) -> dict:
    """Load and validate quiz ``name``; ``values`` fills computed answers (None: check the file only)."""
    path = find(name)
    spec = validate(read_yaml(path), display_name(path), values)
    spec["name"] = path.stem  # the file name: lets a built page re-read its quiz (sphinx_ext.refresh)
    return spec


def verdicts(folder: Path) -> list[tuple[str, str | None]]:
    """Check every ``*.yml``/``*.yaml`` in ``folder`` on its own: (file, problem or None), one per file."""
    out: list[tuple[str, str | None]] = []
    ids: dict[str, str] = {}
    for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")):
        name = display_name(path)
        try:
            spec = validate(read_yaml(path), name, None)
        except QuizError as exc:
            out.append((name, str(exc)))
            continue
        except Exception as exc:  # a bug in the checker must not stop the other files' checks
            out.append((name, f"{name}: could not be checked ({type(exc).__name__}: {exc}); please report this"))
            continue
        if spec["id"] in ids:  # quiz ids key the saved progress: two files sharing one would mix answers
            out.append((name, f"{name}: quiz id {spec['id']!r} is also used by {ids[spec['id']]}"))
        else:
            ids[spec["id"]] = name
            out.append((name, None))
    return out


def check_folder(folder: Path) -> list[str]:
    """Validate every quiz file in ``folder``; returns the problems found (empty list: all good)."""
    return [problem for _, problem in verdicts(folder) if problem]
