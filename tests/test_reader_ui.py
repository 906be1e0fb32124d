"""The reader's experience in the built book, in Chromium: one search field on a wide screen; at 390 px (a
phone) the "Contents" button opens the page's contents and the search icon leaves the typed text readable (that
no page is wider than a phone is checked in test_accessibility.py); glossary terms look unlike citations and show
their definition in place."""

from __future__ import annotations

import pytest

CHAPTER = "book/03_war_and_intervention.html"


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


def test_one_search_field_on_a_wide_screen(browser, site_url):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(site_url + CHAPTER)
    shown = page.evaluate("""() => [...document.querySelectorAll('.search-button-field')]
        .filter(e => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0).length""")
    assert shown == 1
    page.close()


def test_contents_button_opens_the_page_contents_on_a_phone(phone, site_url):
    phone.goto(site_url + CHAPTER)
    phone.locator(".secondary-toggle:visible").first.click()
    dialog = phone.locator("#pst-secondary-sidebar-modal")
    dialog.wait_for(state="visible")
    assert dialog.get_by_role("link", name="The Security Council vetoes").count() >= 1


def test_search_icon_leaves_the_first_letter_readable(phone, site_url):
    phone.goto(site_url + CHAPTER)
    phone.locator(".search-button:visible").first.click()
    field = phone.locator("form.bd-search:visible input").first
    field.type("Wagner")
    icon = phone.locator("form.bd-search:visible i").first.bounding_box()
    text_start = phone.evaluate("(i) => i.getBoundingClientRect().x + parseFloat(getComputedStyle(i).paddingLeft)",
                                field.element_handle())
    assert text_start >= icon["x"] + icon["width"], (text_start, icon)


def test_glossary_terms_differ_from_citations_and_define_themselves(browser, phone, site_url):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                         "(e) => window.__csp.push(e.violatedDirective));")
    page.goto(site_url + CHAPTER)
    term = page.locator("a.reference.internal:has(> .std-term)").first
    style = term.locator(".std-term").evaluate("e => getComputedStyle(e).textDecorationStyle + ' ' + getComputedStyle(e).cursor")
    assert style == "dotted help"
    term.focus()  # keyboard
    tip = page.locator(".glossary-tip")
    tip.wait_for()
    assert len(tip.inner_text()) > 20 and term.get_attribute("aria-describedby") == "glossary-tip"
    page.keyboard.press("Escape")
    assert tip.count() == 0
    term.hover()  # mouse
    tip.wait_for()
    assert page.evaluate("window.__csp") == []  # the glossary page is read without tripping the page's policy
    page.close()
    phone.goto(site_url + CHAPTER)  # a first tap defines the term and stays on the page
    first = phone.locator("a.reference.internal:has(> .std-term)").first
    first.scroll_into_view_if_needed()
    first.tap()
    phone.locator(".glossary-tip").wait_for()
    assert phone.url.endswith(CHAPTER)
