"""Timings agree: the chapter pages' "Estimated time" and the teacher's guide's session plans.

Every version of a session plan (one lesson, two lessons) gives each part of a chapter (reading, lab, document
set, quiz, essay) exactly the minutes the chapter page announces, in class or at home; every lesson runs from
minute 0 to 90 without gaps; and the reading of a chapter that carries a content note is done in class.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bookbuild.classroom.directives import chapter_slugs, hours_text
from bookbuild.classroom.timings import (
    PARTS,
    WORDS_PER_MINUTE,
    chapter_minutes,
    chapter_total,
    course_minutes,
    fits_one_lesson,
    has_content_note,
    lesson_problems,
    reading_estimate,
    reading_words,
    session_versions,
)

ROOT = Path(__file__).resolve().parents[1]
SLUGS = chapter_slugs(ROOT)
NOTED = [s for s in SLUGS if has_content_note(ROOT / "book" / f"{s}.md")]


def test_every_chapter_is_found() -> None:
    assert len(SLUGS) >= 8, SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_session_plan_gives_each_part_the_chapter_minutes(slug: str) -> None:
    chapter = chapter_minutes(ROOT / "book" / f"{slug}.md")
    assert {"reading", "lab", "documents", "quiz"} <= chapter.keys(), f"book/{slug}.md: {chapter}"
    guide = ROOT / "book" / "teachers" / f"{slug}.md"
    versions = session_versions(guide)
    assert versions, f"{guide.name}: no '### ...' version under '## Suggested flow'"
    problems = []
    for version in versions:
        assert version.lessons, f"{guide.name}: '{version.title}' has no lesson table"
        problems += lesson_problems(guide, version)
        for part in PARTS:
            planned, announced = version.minutes(part), chapter.get(part, 0)
            if planned != announced:
                problems.append(f"{guide.name}, '{version.title}': {part} gets {planned} minutes, "
                                f"but book/{slug}.md announces {announced}")
    assert not problems, "\n".join(problems)


def test_the_chapters_with_painful_material_carry_a_content_note() -> None:
    assert {"01_reading_the_source", "02_long_alliance", "03_war_and_intervention", "04_after_assad",
            "06_fighters_and_security"} <= set(NOTED)


@pytest.mark.parametrize("slug", SLUGS)
def test_reading_minutes_follow_the_stated_rate(slug: str) -> None:
    """A chapter that grows must announce more reading time: within one 5-minute step of its words at the rate."""
    page = ROOT / "book" / f"{slug}.md"
    announced, expected = chapter_minutes(page)["reading"], reading_estimate(page)
    assert abs(announced - expected) <= 5, (
        f"book/{slug}.md announces {announced} minutes of reading, but its {reading_words(page)} words take "
        f"about {expected} at {WORDS_PER_MINUTE} words a minute; update the page and its session plan")
    assert f"{WORDS_PER_MINUTE} words a minute" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", NOTED)
def test_chapters_with_a_content_note_are_read_in_class(slug: str) -> None:
    page = ROOT / "book" / f"{slug}.md"
    guide = ROOT / "book" / "teachers" / f"{slug}.md"
    reading = chapter_minutes(page)["reading"]
    for version in session_versions(guide):
        assert version.minutes("reading", in_class_only=True) == reading, (
            f"{guide.name}, '{version.title}': chapter {slug} has a content note, so its {reading} minutes of "
            "reading belong in class, not at home")


def test_heavy_sessions_have_a_two_lesson_version() -> None:
    """A session whose in-class work does not fit one 90-minute lesson must offer a plan in two lessons."""
    heavy = [s for s in SLUGS if not fits_one_lesson(ROOT / "book" / f"{s}.md")]
    assert "03_war_and_intervention" in heavy and "08_patron_client_partner" in heavy, heavy
    missing = []
    for slug in SLUGS:
        versions = session_versions(ROOT / "book" / "teachers" / f"{slug}.md")
        if not fits_one_lesson(ROOT / "book" / f"{slug}.md") and not any(len(v.lessons) == 2 for v in versions):
            missing.append(slug)
    assert not missing, f"heavy sessions without a two-lesson version: {missing}"


def test_front_page_total_is_computed_from_the_chapters() -> None:
    total = course_minutes(ROOT, SLUGS)
    assert total == sum(chapter_total(ROOT / "book" / f"{s}.md") for s in SLUGS)
    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    assert "{course-time}`total`" in intro and "{course-time}`chapters`" in intro
    assert "Start chapter 1 → <ch01>" in intro, "the front page has no 'Start chapter 1' link"
    assert hours_text(total).startswith("about ")


# --- the parser itself must be able to fail -------------------------------------------------------------------

def test_parser_finds_a_gap_and_a_wrong_lab_time(tmp_path: Path) -> None:
    chapter = tmp_path / "ch.md"
    chapter.write_text("**Estimated time.** Reading: 30 minutes. Lab ({doc}`/x`): 40 minutes.\n"
                       "Quiz: 10 minutes.\n\nText.\n", encoding="utf-8")
    assert chapter_minutes(chapter) == {"reading": 30, "lab": 40, "quiz": 10}
    guide = tmp_path / "guide.md"
    guide.write_text("## Suggested flow\n\n### One lesson\n\n| Minutes | Activity |\n|---|---|\n"
                     "| 0–10 | **Opening.** x |\n| 10–40 | **Lab.** x |\n| 45–90 | **Quiz.** x |\n\n"
                     "**At home:** Reading (30 minutes).\n\n## Next\n", encoding="utf-8")
    (version,) = session_versions(guide)
    assert version.minutes("lab") == 30 and version.minutes("reading") == 30
    assert version.minutes("reading", in_class_only=True) == 0
    problems = lesson_problems(guide, version)
    assert any("does not follow on from minute 40" in p for p in problems), problems


def test_reading_words_skip_code_options_labels_and_citation_keys(tmp_path: Path) -> None:
    page = tmp_path / "ch.md"
    page.write_text("(ch-x)=\n# Two words\n\n```{admonition} Box title\n:class: tip\n\nRead this {ref}`one <ch-x>`.\n"
                    "```\n\n```{code-cell} python\nnot = counted + at_all\n```\n\nEnd {cite:p}`key2024`.\n",
                    encoding="utf-8")
    assert reading_words(page) == 7  # "#", "Two", "words", "Read", "this", "one.", "End"
    page.write_text("word " * 1001, encoding="utf-8")
    assert reading_estimate(page) == -(-1001 // (WORDS_PER_MINUTE * 5)) * 5


def test_missing_estimate_is_named(tmp_path: Path) -> None:
    page = tmp_path / "ch.md"
    page.write_text("# A chapter\n\nNo timing here.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ch.md: no '\\*\\*Estimated time"):
        chapter_minutes(page)


def test_hours_text_rounds_to_half_hours() -> None:
    assert hours_text(865) == "about 14½ hours (865 minutes)"
    assert hours_text(600) == "about 10 hours (600 minutes)"
