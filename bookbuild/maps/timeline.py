"""The course timeline as HTML: the interactive timeline page, and the compact strip at the top of each chapter.

Both are drawn here from the ``timeline`` dataset at build time (SVG + lists); ``static/timeline.js`` only adds
filtering, zooming and the details panel on the timeline page. The strips need no script.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import pandas as pd

from russia_syria import data

# Who acts in an event, found by these words in its text (the dataset has no actor column; this is derived).
ACTORS: dict[str, tuple[str, ...]] = {
    "Russia / USSR": ("russia", "ussr", "soviet", "moscow", "kremlin", "putin", "lavrov", "duma", "brezhnev", "tass"),
    "Syria": ("syria", "damascus", "assad", "sharaa", "shaibani", "abu qasra"),
    "United Nations": ("unsc", "security council", "united nations", " un ", "veto"),
    "United States": ("united states", " us ", "u.s.", "american", "washington"),
    "Turkey": ("turkey", "turkish", "ankara", "erdogan"),
    "Israel": ("israel",),
    "Iran": ("iran",),
}
# Where an event is discussed: its theme's chapter, otherwise the chapter of its period.
THEME_CHAPTER = {"economy": "05_trade_grain_money", "education": "07_students_stones_networks",
                 "culture": "07_students_stones_networks", "security": "06_fighters_and_security"}
PERIODS = [("1944–1990", 1944, 1991), ("1991–2010", 1991, 2011), ("2011–2024", 2011, 2024.94), ("Dec 2024–2026", 2024.93, 2027)]
FALL = pd.Timestamp("2024-12-08")
THEME_ORDER = ["diplomacy", "military", "un", "security", "economy", "education", "culture"]
THEME_LABEL = {"un": "UN", "diplomacy": "diplomacy", "military": "military", "security": "security",
               "economy": "economy", "education": "education", "culture": "culture"}
SOURCE_LINE = "Source: course dataset timeline (each event's source is linked in the list)."


@dataclass
class Event:
    id: str
    date: pd.Timestamp
    precision: str
    theme: str
    text: str
    actors: list[str]
    chapter: str
    source: tuple[str, str]

    @property
    def t(self) -> float:
        """Decimal year: the x position on every timeline."""
        return self.date.year + (self.date.dayofyear - 1) / 366

    @property
    def when(self) -> str:
        return {"day": f"{self.date.day} {self.date:%B %Y}", "month": f"{self.date:%B %Y}"}.get(self.precision, f"{self.date:%Y}")


def actors_of(text: str) -> list[str]:
    low = f" {text.lower()} "
    return [name for name, words in ACTORS.items() if any(w in low for w in words)]


def chapter_of(theme: str, date: pd.Timestamp) -> str:
    if theme in THEME_CHAPTER:
        return THEME_CHAPTER[theme]
    if date < pd.Timestamp("2011-01-01"):
        return "02_long_alliance"
    return "03_war_and_intervention" if date < FALL else "04_after_assad"


def events() -> list[Event]:
    """Every event of the timeline dataset, in date order."""
    frame = data.load("timeline").sort_values(["date", "event_id"])
    return [Event(r.event_id, r.date, r.date_precision, r.category, r.event, actors_of(r.event),
                  chapter_of(r.category, r.date), (r.source_publisher, r.source_url)) for r in frame.itertuples()]


def _x(t: float, lo: float, hi: float, width: float, pad: float) -> float:
    return pad + (t - lo) / (hi - lo) * (width - 2 * pad)


def _ticks(lo: float, hi: float) -> list[int]:
    span = hi - lo
    step = 10 if span > 40 else 5 if span > 15 else 2 if span > 6 else 1
    return list(range(int(lo) + (-int(lo)) % step, int(hi) + 1, step))


def svg(evs: list[Event], lo: float, hi: float, *, width: int = 700, lane: int = 16, href: Callable[[Event], str], label: str, desc: str,
        ident: str, compact: bool = False) -> str:
    """A timeline SVG: one lane per theme, a dot per event (a link), a year axis. ``href(event)`` gives each link."""
    themes = [t for t in THEME_ORDER if any(e.theme == t for e in evs)] or THEME_ORDER[:1]
    pad, left = 14, 0 if compact else 74
    top, h = 8, len(themes) * lane
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="rs-tl-svg" viewBox="0 0 {width} {top + h + 28}" '
           f'width="{width}" height="{top + h + 28}" role="group" aria-labelledby="{ident}-t {ident}-d" '
           f'data-lo="{lo}" data-hi="{hi}" data-left="{left}" data-pad="{pad}" font-family="system-ui, sans-serif">',
           f'<title id="{ident}-t">{escape(label)}</title><desc id="{ident}-d">{escape(desc)}</desc>']
    for i, th in enumerate(themes):
        y = top + i * lane + lane / 2
        out.append(f'<line x1="{left}" x2="{width}" y1="{y}" y2="{y}" stroke="#ccc" stroke-width="1"/>')
        if not compact:
            out.append(f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" font-size="11" fill="#333">{THEME_LABEL[th]}</text>')
    axis_y = top + h + 4
    out.append(f'<line x1="{left}" x2="{width}" y1="{axis_y}" y2="{axis_y}" stroke="#555"/>')
    for year in _ticks(lo, hi):
        x = left + _x(year, lo, hi, width - left, pad)
        out.append(f'<g class="rs-tl-tick" data-t="{year}"><line x1="{x:.1f}" x2="{x:.1f}" y1="{axis_y}" y2="{axis_y + 4}" stroke="#555"/>'
                   f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle" font-size="11" fill="#333">{year}</text></g>')
    for e in evs:
        if not lo <= e.t <= hi:
            continue
        x = left + _x(e.t, lo, hi, width - left, pad)
        y = top + themes.index(e.theme) * lane + lane / 2 if e.theme in themes else top + lane / 2
        out.append(f'<a class="rs-tl-dot rs-theme-{e.theme}" href="{escape(href(e))}" data-event="{e.id}" data-t="{e.t:.3f}" '
                   f'data-theme="{e.theme}" data-actors="{escape("|".join(e.actors))}" aria-label="{escape(e.when)}: {escape(e.text)}">'
                   f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#0072B2" fill-opacity="0.75" stroke="#222" stroke-width="0.8"/></a>')
    out.append("</svg>")
    return "".join(out)


def item_html(e: Event, chapter_url: str, chapter_title: str, ident: str) -> str:
    """One event in the list view (the accessible alternative, and what the details panel shows)."""
    actors = ", ".join(e.actors) or "not named"
    return (f'<li id="{ident}" class="rs-tl-item" data-event="{e.id}" data-t="{e.t:.3f}" data-theme="{e.theme}" '
            f'data-actors="{escape("|".join(e.actors))}"><span class="rs-tl-when">{escape(e.when)}</span> '
            f'<span class="rs-tl-text">{escape(e.text)}</span> <span class="rs-tl-meta">Theme: {THEME_LABEL.get(e.theme, e.theme)}. '
            f'Actors: {escape(actors)}. Chapter: <a href="{escape(chapter_url)}">{escape(chapter_title)}</a>. '
            f'Source: <a href="{escape(e.source[1])}">{escape(e.source[0])}</a>.</span></li>')


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def timeline_html(evs: list[Event], chapters: dict[str, tuple[str, str]], suffix: str) -> str:
    """The timeline page's figure: controls, the SVG, a details panel and the list view."""
    ident = f"tl-{suffix}"
    themes = [t for t in THEME_ORDER if any(e.theme == t for e in evs)]
    actors = [a for a in ACTORS if any(a in e.actors for e in evs)]
    lo, hi = 1944.0, 2027.0
    chart = svg(evs, lo, hi, href=lambda e: f"#{ident}-{e.id}", ident=ident,
                label=f"Timeline of the Russia–Syria relationship, {evs[0].date.year}–{evs[-1].date.year}",
                desc=f"{len(evs)} events in {len(themes)} themes, one row per theme; each dot is an event. "
                     "The list below gives every event with its chapter and source.")
    boxes = "".join(f'<label><input type="checkbox" name="theme" value="{t}" checked> {THEME_LABEL[t]}</label>' for t in themes)
    actor_opts = '<option value="">all actors</option>' + "".join(f'<option value="{escape(a)}">{escape(a)}</option>' for a in actors)
    periods = (f'<button type="button" data-lo="{lo}" data-hi="{hi}" aria-pressed="true">all years</button>'
               + "".join(f'<button type="button" data-lo="{a}" data-hi="{b}" aria-pressed="false">{escape(n)}</button>' for n, a, b in PERIODS))
    items = "".join(item_html(e, *chapters.get(e.chapter, ("#", e.chapter)), ident=f"{ident}-{e.id}") for e in evs)
    return (
        f'<figure class="rs-timeline" id="{ident}">'
        f'<div class="rs-tl-controls" hidden><fieldset><legend>Themes</legend>{boxes}</fieldset>'
        f'<label>Actor <select name="actor">{actor_opts}</select></label>'
        f'<div class="rs-tl-periods" role="group" aria-label="Zoom to a period">{periods}</div>'
        f'<p class="rs-tl-count" aria-live="polite"></p></div>'
        f'<div class="rs-tl-frame">{chart}</div>'
        f'<div class="rs-tl-details" aria-live="polite" hidden></div>'
        f'<figcaption><p class="rs-caption">The {len(evs)} events of the course timeline, {evs[0].date.year}–{evs[-1].date.year}, '
        f'one row per theme. Filter by theme or actor, zoom to a period, and focus or point at an event for its details; '
        f'the list below is the same timeline as text. Actors are found from the words of each event.</p>'
        f'<p class="rs-source">{escape(SOURCE_LINE)}</p></figcaption>'
        f'<h2 id="{ident}-list-h">The timeline as a list</h2><ol class="rs-tl-list" aria-labelledby="{ident}-list-h">{items}</ol>'
        f"</figure>"
    )


def strip_html(evs: list[Event], lo: float, hi: float, title: str, href: Callable[[Event], str], suffix: str, themes: list[str] | None = None) -> str:
    """The compact strip of a chapter: its period and its events, each a link to the event on the timeline page."""
    chosen = [e for e in evs if lo <= e.t < hi and (not themes or e.theme in themes)]
    ident = f"strip-{suffix}"
    span = f"{int(lo)}–{int(hi) - 1 if hi == int(hi) else int(hi)}" if int(lo) < int(hi) - 1 or hi != int(hi) else f"{int(lo)}"
    what = f" ({', '.join(themes)})" if themes else ""
    chart = svg(chosen, lo, hi, href=href, ident=ident, lane=12,
                label=f"Timeline strip for {title}: {len(chosen)} events{what}, {span}",
                desc=f"{len(chosen)} events of the course timeline{what} between {span}, one row per theme; "
                     "each dot links to the event on the Timeline page. The list below gives them as text.")
    items = "".join(f'<li><a href="{escape(href(e))}">{escape(e.when)}</a>: {escape(e.text)}</li>' for e in chosen)
    return (
        f'<figure class="rs-strip" id="{ident}">{chart}'
        f'<figcaption><p class="rs-caption">This chapter on the course timeline: {len(chosen)} events{escape(what)}, {span}. '
        f'Each dot opens the event on the Timeline page.</p><p class="rs-source">{escape(SOURCE_LINE)}</p></figcaption>'
        f'<details><summary>The {len(chosen)} events as a list</summary><ol>{items}</ol></details></figure>'
    )
