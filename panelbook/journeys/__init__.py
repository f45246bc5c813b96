"""Journeys through the site in a real browser (Playwright driving Debian's Chromium), with axe-core.

Test code only: ``harness.py`` drives a page by pointer or by keyboard alone and checks each page
it reaches; the ``test_*`` modules are the journeys of docs/accessibility.md.
"""
