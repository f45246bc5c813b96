"""Drive a page as a person would, by pointer or by keyboard alone, and check every page reached.

Every page a journey reaches is checked the same way (``Journey.check``): axe-core finds no
violation, the page is no wider than the window (no sideways scrolling on a phone), and a
screenshot of it is saved under ``screenshots_dir()`` named by page type, who reads it and width.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Download, Locator, Page, Request
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

CHROMIUM = os.environ.get("PANELBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP, PHONE, NARROW_PHONE = 1280, 390, 320
MAX_TABS = 400
AXE = Axe()
SAVED: set[Path] = set()  # the screenshots this run has saved


def unavailable(chromium: str = CHROMIUM) -> str | None:
    """Why the browser journeys cannot run here, or None when they can."""
    if not shutil.which(chromium):
        return (
            f"no Chromium at {chromium}: scripts/test installs Debian's chromium package when run as root "
            "with apt-get; elsewhere run 'apt-get install chromium' (or set PANELBOOK_CHROMIUM)"
        )
    return None


def screenshots_dir() -> Path:
    """Where the run saves a screenshot of each page type (gitignored; docs/accessibility.md)."""
    default = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
    return Path(os.environ.get("PANELBOOK_SCREENSHOTS", default))


def page_type(url: str) -> str:
    """A page's type from its address: ``/meetings/12/minutes/new/`` -> ``meetings-id-minutes-new``."""
    path = urlsplit(url).path.strip("/")
    return re.sub(r"\d+", "id", path.replace("/", "-")) or "home"


@dataclass
class Journey:
    """One person's visit: a page, who they are (for the screenshot names) and how they move."""

    page: Page
    base_url: str
    reader: str = "public"
    keyboard: bool = False
    checked: list[str] = field(default_factory=list)

    # Moving

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.check()

    def follow(self, name: str, *, within: Locator | None = None, exact: bool = False) -> None:
        """Follow the link ``name`` (in ``within`` if given) and check the page it leads to."""
        link = (within or self.page.locator("main")).get_by_role("link", name=name, exact=exact).first
        self._activate(link)
        self.check()

    def follow_nav(self, name: str) -> None:
        """Follow a link of the site's main navigation."""
        self._activate(self.page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True))
        self.check()

    def search_site(self, words: str) -> None:
        """Search from the box every page carries in its header, and check the results page."""
        header = self.page.locator("header")
        self.fill("Search everything", words, within=header)
        self._activate(header.get_by_role("button", name="Search", exact=True))
        self.check()

    def fetch_link(self, name: str) -> str:
        """What the link ``name`` answers, read with this visitor's cookies (a feed a calendar subscribes to)."""
        href = self.page.locator("main").get_by_role("link", name=name).first.get_attribute("href") or ""
        self.tab_to(self.page.locator("main").get_by_role("link", name=name).first) if self.keyboard else None
        response = self.page.request.get(self.base_url + href if href.startswith("/") else href)
        assert response.ok, f"{href} answered {response.status}"
        return response.text()

    def press(self, name: str, *, check: bool = True) -> None:
        """Press the button ``name`` (a form's submit: the page it leads to is checked)."""
        button = self.page.locator("main").get_by_role("button", name=name, exact=True).first
        self._activate(button)
        if check:
            self.check()

    def press_in_page(self, name: str, *, within: Locator | None = None) -> None:
        """Press a button that changes the page without leaving it (a script's button)."""
        button = (within or self.page.locator("main")).get_by_role("button", name=name, exact=True).first
        self._activate(button, wait=False)

    def follow_in_page(self, name: str) -> None:
        """Follow a link that stays on the page (one of an error summary's links to its fields)."""
        link = self.page.locator("main").get_by_role("link", name=name).first
        if self.keyboard:
            self.tab_to(link)
        self._click_or_enter(link)

    def focused(self) -> str:
        """What has the focus: its id, else its class."""
        return self.page.evaluate("document.activeElement.id || document.activeElement.className")

    def download(self, name: str) -> Download:
        link = self.page.locator("main").get_by_role("link", name=name).first
        with self.page.expect_download() as info:
            self._activate(link, wait=False)
        return info.value

    # Filling in forms

    def field(self, label: str, within: Locator | None = None) -> Locator:
        """The form field labelled ``label`` (its label may add "(required)"), in ``within`` if given."""
        # A searchable picker is labelled three times (its list, its box, its drop-down): the list comes first.
        scope = within or self.page.locator("main")
        # A checkbox of a list (a CheckboxSelectMultiple) has its name on a line of its own in its label.
        return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}( \(required\))?\s*$")).first

    def fill(self, label: str, value: str, within: Locator | None = None) -> None:
        box = self.field(label, within)
        if not self.keyboard:
            box.fill(value)
            return
        self.tab_to(box)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(value)
        typed = box.input_value()
        focused = self.focused()
        assert typed == value, f"typing {value!r} into {label!r} left {typed!r}; the focus is on {focused!r}"

    def fill_date(self, label: str, day: str, time: str = "") -> None:
        """A date (``dd/mm/yyyy``) or date and time (with ``hh:mm``) field, typed as a person would.

        Debian's chromium package carries the en-US locale only, so its date fields take the month
        first and a 12-hour clock; the value is checked, so another order fails here, by name.
        """
        box = self.field(label)
        d, m, y = day.split("/")
        wanted = f"{y}-{m}-{d}" + (f"T{time}" if time else "")
        if not self.keyboard:
            box.fill(wanted)
            return
        self.tab_to(box)
        self.page.keyboard.type(m + d + y)
        if time:
            hour, minute = (int(part) for part in time.split(":"))
            self.page.keyboard.press("ArrowRight")
            self.page.keyboard.type(f"{hour % 12 or 12:02d}{minute:02d}{'P' if hour >= 12 else 'A'}")
        typed = box.input_value()
        assert typed == wanted, f"{label}: typing {day} {time} gave {typed!r}"

    def choose(self, label: str, option: str, within: Locator | None = None) -> None:
        """Pick ``option`` in the drop-down ``label`` (by keyboard: Home, then arrow keys until it is selected)."""
        box = self.field(label, within)
        picker = self.page.locator(f"#{box.get_attribute('id')}-ts-control")
        if picker.count():
            self._pick(box, picker, option)
            return
        if not self.keyboard:
            box.select_option(label=option)
            return
        self.tab_to(box)
        self.page.keyboard.press("Home")
        for _ in range(box.evaluate("el => el.options.length")):
            if box.evaluate("el => el.options[el.selectedIndex]?.text.trim()") == option:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"{option!r} cannot be reached by arrow keys in {label!r}")

    def _pick(self, box: Locator, picker: Locator, option: str) -> None:
        """A searchable picker (core/pickers.js): type the option's name, take it from the list."""
        if self.keyboard:
            self.tab_to(picker)
        else:
            picker.click()
        self.page.keyboard.type(option)
        dropdown = self.page.locator(f"#{box.get_attribute('id')}-ts-dropdown")
        wanted = dropdown.get_by_role("option", name=option, exact=True)
        if not self.keyboard:
            wanted.click()
        else:
            # The options that match what was typed are listed; arrow down to the one wanted.
            for _ in range(dropdown.get_by_role("option").count()):
                if "active" in (wanted.get_attribute("class") or ""):
                    break
                self.page.keyboard.press("ArrowDown")
            self.page.keyboard.press("Enter")
        chosen = box.evaluate("el => [...el.selectedOptions].map(o => o.text.trim())")
        assert option in chosen, f"picking {option!r} chose {chosen}"

    def tick(self, label: str) -> None:
        box = self.field(label)
        if not self.keyboard:
            box.check()
            return
        self.tab_to(box)
        self.page.keyboard.press("Space")

    def attach(self, label: str, *paths: Path) -> None:
        """Choose files for the file field ``label``; by keyboard, Tab must reach it first.

        The file chooser a key press opens is the browser's own dialog, not panelbook's, and
        headless Chromium under load drops its event now and then; so, having proved the field
        reachable and labelled, the files are set on it directly.
        """
        box = self.field(label)
        if self.keyboard:
            self.tab_to(box)
        box.set_input_files(list(paths))

    # Keyboard

    def tab_to(self, target: Locator) -> None:
        """Press Tab until ``target`` has the focus: it must be reachable by keyboard."""
        target.wait_for()
        for _ in range(MAX_TABS):
            if target.evaluate("el => el === document.activeElement"):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"{target} cannot be reached with the Tab key")

    def _activate(self, target: Locator, *, wait: bool = True) -> None:
        """Click ``target``, or Tab to it and press Enter; with ``wait``, until the next page has loaded."""
        if self.keyboard:
            self.tab_to(target)
        if not wait:
            self._click_or_enter(target)
            return
        if not self.keyboard:
            with self.page.expect_navigation():
                target.click()
            return
        self._enter_and_wait(target)

    def _enter_and_wait(self, target: Locator) -> None:
        """Press Enter on ``target`` and wait for the next page; a busy headless browser can drop
        the key press, so when no page was requested at all, Tab back to it and press once more."""
        navigations: list[str] = []

        def note(request: Request) -> None:
            if request.is_navigation_request():
                navigations.append(request.url)

        self.page.on("request", note)
        try:
            try:
                with self.page.expect_navigation():
                    self.page.keyboard.press("Enter")
            except PlaywrightTimeoutError:
                if navigations:
                    raise
                self.tab_to(target)
                with self.page.expect_navigation():
                    self.page.keyboard.press("Enter")
        finally:
            self.page.remove_listener("request", note)

    def _click_or_enter(self, target: Locator) -> None:
        if self.keyboard:
            self.page.keyboard.press("Enter")
        else:
            target.click()

    # Checking

    def check(self) -> None:
        """The page passes axe-core, fits the window's width, and is saved as a screenshot."""
        name = page_type(self.page.url)
        self.checked.append(name)
        results = AXE.run(self.page)
        assert results.violations_count == 0, f"{name} ({self.reader}): {results.generate_report()}"
        self.check_width()

    def check_width(self, width: int | None = None) -> None:
        """The page (at ``width``, when given) is no wider than the window; its screenshot is saved
        the first time this run meets its page type, reader and width."""
        if width is not None:
            self.page.set_viewport_size({"width": width, "height": 900})
        name = page_type(self.page.url)
        scroll_width, inner_width = self.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        wide = f"{name} ({self.reader}) is {scroll_width}px wide in a {inner_width}px window"
        assert scroll_width <= inner_width, wide
        shot = screenshots_dir() / f"{name}--{self.reader}--{inner_width}px.png"
        if shot not in SAVED:
            SAVED.add(shot)
            shot.parent.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=shot, full_page=True)

    def heading(self) -> str:
        return self.page.locator("h1").inner_text()

    def main_text(self) -> str:
        return self.page.locator("main").inner_text()
