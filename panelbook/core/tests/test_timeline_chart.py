"""The timetable chart: one drawing, as SVG with its words and as PNG, the same for the same dates."""

import datetime as dt

from panelbook.core.lib import timeline_chart

TIMELINE = timeline_chart.Timeline(
    "Timetable of MP150",
    (
        timeline_chart.Step("Refinement Consultation", dt.date(2025, 3, 3), dt.date(2025, 3, 17), dt.date(2025, 3, 18)),
        timeline_chart.Step("Modification Report", dt.date(2025, 5, 5), dt.date(2025, 6, 2)),
    ),
    dt.date(2025, 4, 1),
)


def test_the_svg_is_titled_and_says_every_date_in_words():
    drawing = timeline_chart.svg(TIMELINE)
    assert drawing.startswith('<svg role="img" aria-labelledby="chart-timetable-of-mp150-title')
    assert '<title id="chart-timetable-of-mp150-title">Timetable of MP150</title>' in drawing
    assert (
        "Refinement Consultation: baseline 03/03/2025, planned 17/03/2025, reached 18/03/2025; "
        "Modification Report: baseline 05/05/2025, planned 02/06/2025, not yet reached."
    ) in drawing


def test_the_same_dates_draw_the_same_chart_and_other_dates_another():
    again = timeline_chart.Timeline(TIMELINE.title, TIMELINE.steps, TIMELINE.today)
    assert timeline_chart._svg.__wrapped__(again) == timeline_chart._svg.__wrapped__(TIMELINE)
    moved = timeline_chart.Timeline(TIMELINE.title, TIMELINE.steps[:1], TIMELINE.today)
    assert timeline_chart.svg(moved) != timeline_chart.svg(TIMELINE)


def test_the_png_is_a_png_for_word():
    assert timeline_chart.png(TIMELINE).startswith(b"\x89PNG\r\n\x1a\n")


def test_a_title_with_markup_is_escaped():
    chart = timeline_chart.Timeline("Timetable of <MP150> & co", TIMELINE.steps, TIMELINE.today)
    assert '<title id="chart-timetable-of-mp150-co-title">Timetable of &lt;MP150&gt; &amp; co</title>' in (
        timeline_chart.svg(chart)
    )
