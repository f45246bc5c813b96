"""Reading the secretariat's form pages in tests: hidden fields and the table of changes."""

import html
import re


def hidden(response, name: str) -> str:
    """The value of a hidden field on the page the response shows."""
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', response.content.decode())
    assert found, f"no hidden {name} on the page"
    return found[1]


def page_text(response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def conflict_rows(response) -> list[list[str]]:
    """The rows of the 'saved by someone else' table: field, when opened, now, what you entered."""
    table = re.search(r'<table class="conflict">(.*?)</table>', response.content.decode(), re.S)
    assert table, "no table of changes on the page"
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</td></tr>", table[1], re.S)
    return [[html.unescape(cell) for cell in re.split(r"</th><td>|</td><td>", row)] for row in rows]
