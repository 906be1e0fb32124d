"""Quiz files read as their author means them, or refused with the file and line; every file its own verdict."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from russia_syria import quiz
from russia_syria.markdown import escape_markdown

ROOT = Path(__file__).resolve().parents[1]

HEAD = "id: t1\ntitle: T\nchapter: book/01_reading_the_source\nquestions:\n"
NUMERIC = "  - id: num\n    kind: numeric\n    prompt: How many?\n    answer: {answer}\n"
TEXT = "  - id: txt\n    kind: text\n    prompt: {prompt}\n    accept: [{accept}]\n"


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def load(folder: Path, body: str) -> dict:
    return quiz.files.load(str(write(folder, "t1.yml", body)))


def refused(folder: Path, body: str) -> str:
    with pytest.raises(quiz.QuizError) as info:
        load(folder, body)
    message = str(info.value)
    assert message.startswith(f"{folder.name}/t1.yml"), message
    return message


def test_duplicate_key_is_refused_naming_file_and_line(tmp_path):
    message = refused(tmp_path, NUMERIC.format(answer=3) + "    answer: 4\n")
    assert "line 9" in message and "duplicate key 'answer'" in message and "line 8" in message, message


@pytest.mark.parametrize(("written", "meant"), [("012", 12), ("1e3", 1000.0), ("-0.5", -0.5), ("0x1F", 31)])
def test_numbers_read_as_written(tmp_path, written, meant):
    """YAML 1.1 would read 012 as octal 10 and refuse 1e3 as text."""
    assert load(tmp_path, NUMERIC.format(answer=written))["questions"][0]["answer"] == meant


def test_base_60_is_not_a_number(tmp_path):
    """YAML 1.1 reads 1:30 as 90; here it is the text it looks like, so a numeric answer refuses it clearly."""
    message = refused(tmp_path, NUMERIC.format(answer="1:30"))
    assert "question 'num': `answer` must be a number" in message and "'1:30'" in message


def test_text_fields_keep_numbers_and_times_as_typed(tmp_path):
    spec = load(tmp_path, TEXT.format(prompt="3.10", accept="012, 1:30, 1_000, yes, 2024-05-01"))
    question = spec["questions"][0]
    assert question["prompt"] == "3.10"
    assert question["accept"] == ["012", "1:30", "1_000", "yes", "2024-05-01"]


@pytest.mark.parametrize("answer", ["9" * 400, "1e400", ".inf", ".nan", "-" + "9" * 5000],
                         ids=["400 nines", "1e400", "inf", "nan", "5000 digits"])
def test_huge_and_infinite_numbers_get_a_clear_message(tmp_path, answer):
    message = refused(tmp_path, NUMERIC.format(answer=answer))
    assert "question 'num'" in message or "line 8" in message, message
    assert len(message) < 300, message  # the number is named, not printed whole


def test_deep_nesting_is_refused_with_a_line(tmp_path):
    message = refused(tmp_path, NUMERIC.format(answer="[" * 600))
    assert "nested more than" in message and "line 8" in message, message


@pytest.mark.parametrize("qid", ['"num\\n"', "|\n      num\n"])
def test_id_with_trailing_newline_is_refused(tmp_path, qid):
    body = NUMERIC.format(answer=3).replace("id: num", f"id: {qid}")
    assert "needs an `id` made of letters" in refused(tmp_path, body)


def test_lone_surrogate_is_refused_naming_file_and_line(tmp_path):
    message = refused(tmp_path, TEXT.format(prompt='"bad \\ud800 text"', accept="a"))
    assert "line 7" in message and "lone surrogate" in message and "U+D800" in message, message


@pytest.mark.parametrize(("prompt", "accept", "what"), [
    ('"\\u200b\\u200b"', "a", "`prompt`"),
    ("Which?", '"\\u200b\\u2060\\ufeff"', "accept entry 1"),
    ('"\\u3164"', "a", "`prompt`"),
])
def test_invisible_only_text_is_refused(tmp_path, prompt, accept, what):
    message = refused(tmp_path, TEXT.format(prompt=prompt, accept=accept))
    assert f"question 'txt': {what} has only invisible characters" in message, message


def test_visible_text_with_a_zero_width_joiner_is_fine(tmp_path):
    spec = load(tmp_path, TEXT.format(prompt='"family \\U0001F468\\u200d\\U0001F469"', accept="a"))
    assert "\u200d" in spec["questions"][0]["prompt"]


def test_check_gives_every_file_its_own_verdict(tmp_path):
    """One file's crash must not stop the check of the others (OverflowError, RecursionError before)."""
    write(tmp_path, "a_nines.yml", NUMERIC.format(answer="9" * 400))
    write(tmp_path, "b_nested.yml", NUMERIC.format(answer="[" * 600)).write_text(
        (HEAD + NUMERIC.format(answer="[" * 600)).replace("id: t1", "id: t2"), encoding="utf-8")
    (tmp_path / "c_good.yml").write_text((HEAD + NUMERIC.format(answer=3)).replace("id: t1", "id: t3"), encoding="utf-8")
    (tmp_path / "d_dup.yaml").write_text(HEAD.replace("id: t1", "id: t4") + NUMERIC.format(answer=3) + "    answer: 4\n",
                                         encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "russia_syria.quiz", "check", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    folder = tmp_path.name
    assert f"{folder}/a_nines.yml, question 'num': `answer` must be a number" in result.stderr
    assert f"{folder}/b_nested.yml: is not valid YAML (line 8" in result.stderr
    assert f"{folder}/d_dup.yaml: is not valid YAML (line 9" in result.stderr
    assert f"{folder}/c_good.yml: ok" in result.stdout
    assert "4 quiz file(s) checked, 3 problem(s)" in result.stdout


# ------------------------------------------------------------------------------------- answer key Markdown

HOSTILE = ("See [the source](https://evil.example/x) ![pixel](https://tracker.example/p.gif) "
           "<img src=https://tracker.example/q.gif> www.evil.example mail@evil.example evil.example.org "
           "*not emphasis* `not code` {sub}`x` $x$ | a pipe & an ampersand \\ backslash")


def render(markdown: str, gfm: bool) -> str:
    """HTML as the book renders it: MyST for pages, GFM (with autolinks) for notebook Markdown output."""
    config = MdParserConfig(gfm_only=gfm, enable_extensions={"dollarmath", "colon_fence"} if not gfm else set())
    return create_md_parser(config, RendererHTML).render(markdown)


def visible_text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.mark.parametrize("gfm", [True, False])
def test_escape_markdown_renders_text_as_written(gfm):
    rendered = render(escape_markdown(HOSTILE), gfm)
    assert not re.search(r"<(a|img|em|code|span)\b", rendered), rendered
    assert "math" not in rendered
    assert visible_text(rendered) == " ".join(HOSTILE.split())


def test_answer_key_markdown_shows_links_and_images_as_text(tmp_path, monkeypatch):
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    write(tmp_path, "t1.yml", TEXT.format(prompt=f'"{quoted}"', accept='"evil.example.org"'))
    monkeypatch.setenv("RUSSIA_SYRIA_QUIZZES", str(tmp_path))
    table = quiz.answer_key_markdown("t1")
    rendered = render(table, gfm=True)
    assert rendered.count("<td>") == 5  # the pipe in the prompt did not split the cell
    assert not re.search(r"<(a|img)\b", rendered), rendered
    assert " ".join(HOSTILE.split()) in visible_text(rendered)


@pytest.mark.parametrize("key", ["~", "1", "true"])
def test_odd_keys_get_the_unknown_field_message(tmp_path, key):
    """A null, number or boolean key beside text keys made sorting the unknown fields raise TypeError."""
    message = refused(tmp_path, NUMERIC.format(answer=3) + f"    {key}: x\n")
    assert "question 'num': unknown field(s)" in message, message


def test_a_file_is_parsed_once_per_version_and_each_caller_gets_its_own_copy(tmp_path):
    from russia_syria.quiz import files

    path = tmp_path / "t1.yml"
    path.write_text(HEAD + NUMERIC.format(answer=3), encoding="utf-8")
    files.forget_parsed()
    first = files.read_yaml(path)
    first["questions"][0]["answer"] = 99  # a caller changing its copy changes nobody else's
    assert files.read_yaml(path)["questions"][0]["answer"] == 3 and files.PARSES["t1.yml"] == 1
    path.write_text(HEAD + NUMERIC.format(answer=4) + "\n", encoding="utf-8")  # an edit (new size): read again
    assert files.read_yaml(path)["questions"][0]["answer"] == 4 and files.PARSES["t1.yml"] == 2
    files.forget_parsed()
    files.read_yaml(path)
    assert files.PARSES["t1.yml"] == 1  # a new build parses afresh
