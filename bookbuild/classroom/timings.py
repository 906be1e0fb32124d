"""Minutes per chapter (the "Estimated time" line of each chapter page) and per session plan (teacher's guide).

One format on each side, so that a test can hold them together:

- chapter page: ``**Estimated time.** Reading: 30 minutes. Lab (...): 35 minutes. Documents (...): 20
  minutes. Quiz: 10 minutes.`` (an ``Essay`` part may follow);
- teacher page: under ``## Suggested flow``, one ``### ...`` heading per version (one lesson, two lessons);
  each version holds one table per 90-minute lesson, whose rows read ``| 5–40 | **Reading.** ... |``, and an
  optional line ``**At home:** Reading (30 minutes), Quiz (10 minutes).``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

PARTS = ("reading", "lab", "documents", "quiz", "essay")
LESSON_MINUTES = 90

_ESTIMATE = re.compile(r"\*\*Estimated time\.\*\*(.*?)(?:\n\s*\n|\n```)", re.S)
_PART = re.compile(r"(Reading|Lab|Documents|Quiz|Essay)\b[^:.]*?(?:\([^)]*\))?[^:.]*:\s*(\d+)\s*minutes")
_ROW = re.compile(r"^\|\s*(\d+)\s*[–-]\s*(\d+)\s*\|\s*(?:\*\*([A-Za-z -]+)\.\*\*)?")
_HOME = re.compile(r"\*\*At home:\*\*(.*)")
_HOME_PART = re.compile(r"(Reading|Lab|Documents|Quiz|Essay)\s*\((\d+) minutes\)")


def chapter_minutes(page: Path) -> dict[str, int]:
    """The minutes of each part named in a chapter page's "Estimated time" line."""
    text = page.read_text(encoding="utf-8")
    match = _ESTIMATE.search(text)
    if not match:
        raise ValueError(f"{page}: no '**Estimated time.**' line in the 'Before you start' box")
    parts: dict[str, int] = {}
    for name, minutes in _PART.findall(" ".join(match.group(1).split())):
        parts[name.lower()] = parts.get(name.lower(), 0) + int(minutes)
    if "reading" not in parts or "lab" not in parts:
        raise ValueError(f"{page}: the 'Estimated time' line must give Reading and Lab minutes")
    return parts


def chapter_total(page: Path) -> int:
    """Minutes of a chapter for a student: every part but the essay, which is a separate assignment."""
    return sum(m for part, m in chapter_minutes(page).items() if part != "essay")


@dataclass
class Lesson:
    rows: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, tag)


@dataclass
class Version:
    title: str
    lessons: list[Lesson] = field(default_factory=list)
    at_home: dict[str, int] = field(default_factory=dict)

    def minutes(self, part: str, *, in_class_only: bool = False) -> int:
        in_class = sum(end - start for lesson in self.lessons for start, end, tag in lesson.rows
                       if tag.lower() == part)
        return in_class if in_class_only else in_class + self.at_home.get(part, 0)


def session_versions(page: Path) -> list[Version]:
    """The versions of a session plan, each with its lessons (tables) and its work at home."""
    lines = page.read_text(encoding="utf-8").splitlines()
    try:
        start = lines.index("## Suggested flow")
    except ValueError:
        raise ValueError(f"{page}: no '## Suggested flow' section") from None
    versions: list[Version] = []
    in_table = in_home = False
    for line in lines[start + 1:]:
        if line.startswith("## "):
            break
        if line.startswith("### "):
            versions.append(Version(line[4:].strip()))
            in_table = in_home = False
            continue
        if not versions:
            continue
        row = _ROW.match(line)
        if row:
            if not in_table:
                versions[-1].lessons.append(Lesson())
                in_table = True
            versions[-1].lessons[-1].rows.append((int(row.group(1)), int(row.group(2)), (row.group(3) or "").strip()))
            continue
        if not line.startswith("|"):
            in_table = False
        home = _HOME.match(line.strip())
        if home or (in_home and line.strip()):
            in_home = True  # the "At home" paragraph may run over several lines
            for name, minutes in _HOME_PART.findall(home.group(1) if home else line):
                versions[-1].at_home[name.lower()] = versions[-1].at_home.get(name.lower(), 0) + int(minutes)
        elif not line.strip():
            in_home = False
    return versions


def lesson_problems(page: Path, version: Version) -> list[str]:
    """Lessons that do not run 0–90 without gaps or overlaps, or rows without an activity tag."""
    problems = []
    for number, lesson in enumerate(version.lessons, start=1):
        where = f"{page.name}, '{version.title}', lesson {number}"
        clock = 0
        for start, end, tag in lesson.rows:
            if start != clock or end <= start:
                problems.append(f"{where}: row {start}–{end} does not follow on from minute {clock}")
            if not tag:
                problems.append(f"{where}: row {start}–{end} has no bold activity tag such as **Lab.**")
            clock = end
        if clock != LESSON_MINUTES:
            problems.append(f"{where}: ends at minute {clock}, not {LESSON_MINUTES}")
    return problems


def has_content_note(page: Path) -> bool:
    return "{admonition} Content note" in page.read_text(encoding="utf-8")


def fits_one_lesson(page: Path, opening: int = 5) -> bool:
    """Whether a chapter's in-class work fits one lesson: all of it when its reading must be done in class
    (a content note), otherwise all but the reading; the essay is always written at home."""
    minutes = chapter_minutes(page)
    in_class = chapter_total(page) - (0 if has_content_note(page) else minutes["reading"])
    return in_class + opening <= LESSON_MINUTES


def course_minutes(root: Path, slugs: list[str]) -> int:
    return sum(chapter_total(root / "book" / f"{slug}.md") for slug in slugs)


# Reading time: one rate for every chapter, stated in CONTRIBUTING.md. 100 words a minute is a careful study pace
# for dense, cited prose (students read to take notes, not to skim), rounded up to the next 5 minutes.
WORDS_PER_MINUTE = 100
_FENCE = re.compile(r"^(`{3,}|:{3,})\{?([a-z-]*)")
_READ_BLOCKS = {"admonition", "note", "tip", "warning", "important"}  # boxes a student reads; not code or figures
_CITE = re.compile(r"\s*\{cite:[a-z]+\}`[^`]*`")
_ROLE = re.compile(r"\{[a-z:-]+\}`([^`<]*?)\s*(?:<[^>]*>)?`")


def reading_words(page: Path) -> int:
    """Words a student reads on a chapter page: prose and boxed text, without code, figures, directive options,
    labels or citation keys (a role such as {ref}`text <label>` counts as its text)."""
    kept: list[str] = []
    stack: list[tuple[str, bool]] = []  # open fences: (fence, read its text?)
    for line in page.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stack and stripped == stack[-1][0]:
            stack.pop()
            continue
        opening = _FENCE.match(stripped)
        if opening and stripped != opening.group(1):
            stack.append((opening.group(1), opening.group(2) in _READ_BLOCKS and all(r for _, r in stack)))
            continue
        if stack and (not stack[-1][1] or stripped.startswith(":")):
            continue  # inside a block that is not read, or a directive option such as :class:
        if re.fullmatch(r"\(.*\)=", stripped):
            continue  # a label line
        kept.append(line)
    return len(_ROLE.sub(r"\1", _CITE.sub("", "\n".join(kept))).split())


def reading_estimate(page: Path) -> int:
    """The reading minutes a chapter page should announce at WORDS_PER_MINUTE, rounded up to 5 minutes."""
    return -(-reading_words(page) // (WORDS_PER_MINUTE * 5)) * 5
