"""Every internal link and #anchor in the generated HTML resolves: the target file exists and, for a fragment,
the target page has an element with that id. (The build's -W -n catches broken cross-references in the sources;
this catches what templates, raw HTML, quizzes and notebook outputs write.)"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from test_pdf import course_pdfs  # noqa: F401 - the test site's downloads/ (PDFs the teacher's guide links)

# (tag, attribute) pairs that point at another resource of the site.
LINK_ATTRS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("iframe", "src"), ("source", "src")}
# Fragments a browser handles without an element of that id.
BUILTIN_FRAGMENTS = {"", "top"}


class _PageParser(HTMLParser):
    """Collects the ids (and legacy <a name>) of a page and the links it holds, with their line numbers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str, str]] = []  # (line, tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key] or "")
        for attr_tag, attr in LINK_ATTRS:
            if tag == attr_tag and values.get(attr) is not None:
                self.links.append((self.getpos()[0], tag, values[attr] or ""))

    handle_startendtag = handle_starttag


def app_roots(site: Path) -> list[Path]:
    """Folders holding a bundled web app (JupyterLite writes jupyter-lite.json at its root): their HTML is an
    application shell whose links are made by JavaScript, not book pages."""
    return [p.parent for p in site.rglob("jupyter-lite.json")]


def site_pages(site: Path) -> list[Path]:
    """The book's HTML pages: every .html file except theme template fragments in _static and app folders."""
    apps = app_roots(site)
    return sorted(
        p
        for p in site.rglob("*.html")
        if "_static" not in p.relative_to(site).parts and not any(p.is_relative_to(a) for a in apps)
    )


def broken_links(site: Path) -> list[str]:
    """Every internal link of the site that does not resolve, as 'page:line <tag> url: reason'."""
    site = site.resolve()
    parsed: dict[Path, _PageParser] = {}

    def parse(path: Path) -> _PageParser:
        if path not in parsed:
            parser = _PageParser()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            parsed[path] = parser
        return parsed[path]

    problems = []
    for page in site_pages(site):
        for line, tag, url in parse(page).links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue  # external (http, mailto, data, javascript...): not this test's business
            where = f"{page.relative_to(site)}:{line} <{tag}> {url!r}"
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(site):
                problems.append(f"{where}: points outside the site")
            elif not target.is_file():
                problems.append(f"{where}: no file {target.relative_to(site)}")
            elif parts.fragment and target.suffix == ".html":
                fragment = unquote(parts.fragment)
                if fragment not in BUILTIN_FRAGMENTS and fragment not in parse(target).ids:
                    problems.append(f"{where}: no id {fragment!r} in {target.relative_to(site)}")
    return problems


def test_every_internal_link_and_anchor_resolves(site_dir: Path, course_pdfs: Path) -> None:  # noqa: F811
    # course_pdfs: wait for `make book`'s second step (the PDFs in downloads/), as a published site has it.
    pages = site_pages(site_dir)
    assert len(pages) >= 3, f"too few pages found in {site_dir}: {pages}"
    problems = broken_links(site_dir)
    assert not problems, f"{len(problems)} broken internal links:\n" + "\n".join(problems[:50])


@pytest.fixture()
def toy_site(tmp_path: Path) -> Path:
    (tmp_path / "book").mkdir()
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "macros.html").write_text('<a href="missing.html">template fragment</a>')
    (tmp_path / "_static" / "x.css").write_text("")
    (tmp_path / "index.html").write_text(
        '<link href="_static/x.css"><a href="book/a.html#sec-1">ok</a> <a href="#top">ok</a> <a href="#">ok</a>'
        '<a href="https://example.org/nothing.html">external</a> <a href="book/">dir</a>'
    )
    (tmp_path / "book" / "index.html").write_text('<p id="x">dir index</p>')
    (tmp_path / "book" / "a.html").write_text(
        '<h2 id="sec-1">S</h2><a name="legacy"></a>\n<a href="a.html#legacy">ok</a>\n'
        '<a href="a.html#nope">bad anchor</a>\n<a href="../gone.html">bad page</a>\n<img src="../img/p%20q.png">\n'
        '<a href="#sec-2">bad local anchor</a>\n<a href="../../outside.html">outside</a>'
    )
    return tmp_path


def test_checker_finds_each_kind_of_broken_link(toy_site: Path) -> None:
    problems = broken_links(toy_site)
    joined = "\n".join(problems)
    assert len(problems) == 5, joined
    assert "book/a.html:3 <a> 'a.html#nope': no id 'nope'" in joined
    assert "'../gone.html': no file gone.html" in joined
    assert "'../img/p%20q.png': no file img/p q.png" in joined
    assert "'#sec-2': no id 'sec-2' in book/a.html" in joined
    assert "'../../outside.html': points outside the site" in joined
    assert "macros.html" not in joined  # theme template fragments in _static are not pages


def test_checker_passes_once_links_are_fixed(toy_site: Path) -> None:
    page = toy_site / "book" / "a.html"
    page.write_text('<h2 id="sec-1">S</h2><a name="legacy"></a><a href="a.html#legacy">ok</a><a href="#sec-1">ok</a>')
    assert broken_links(toy_site) == []
