"""The rules that propose threads, on plain data: headings in, groups out."""

from panelbook.threads.proposals import Heading, display_title, normalised, plan, topic_of

CODES = {"CPM1", "CPM4", "PM2"}


def heading(item: int, title: str, *, meeting: int | None = None, body: int = 1) -> Heading:
    return Heading(item, meeting if meeting is not None else item, body, title)


def test_a_heading_is_compared_without_its_month_year_and_punctuation():
    assert normalised("DCC Performance Measurement Report – March 2026") == "dcc performance measurement report"
    assert normalised("Director's Letters (2nd quarter)") == "director s letters quarter"


def test_a_threads_title_drops_the_month_of_one_meeting():
    assert display_title("DCC Performance Measurement Report – March 2026") == "DCC Performance Measurement Report"
    assert display_title("Major Incident reviews") == "Major Incident reviews"


def test_a_heading_naming_one_modification_is_about_it_whatever_its_wording():
    assert topic_of(heading(1, "DP081 – solution options"), CODES).key == "MP081"
    assert topic_of(heading(2, "MP081 Modification Report and vote"), CODES).key == "MP081"


def test_a_heading_naming_two_modifications_falls_to_its_words():
    assert topic_of(heading(1, "MP081 and MP090 – joint review"), CODES).kind == "heading"


def test_a_heading_naming_a_measure_is_about_the_measure():
    topic = topic_of(heading(1, "CPM4 – incidents resolved late"), CODES)
    assert (topic.kind, topic.key) == ("measure", "CPM4")


def test_procedural_headings_take_up_no_topic():
    assert topic_of(heading(1, "Any Other Business"), CODES) is None
    assert topic_of(heading(2, "Minutes and Actions Outstanding"), CODES) is None


def test_similar_headings_at_two_meetings_of_a_body_make_a_thread():
    found = plan(
        [heading(1, "CSP North Performance & Reporting"), heading(2, "CSP North Performance and Reporting")], [], CODES
    )
    assert [[h.item for h in g.proposed] for g in found.new_threads] == [[1, 2]]


def test_one_meeting_alone_makes_no_thread():
    assert plan([heading(1, "Key Custodian arrangements", meeting=5)], [], CODES).is_empty
    twice_at_one = [heading(1, "Key Custodian arrangements", meeting=5), heading(2, "Key Custodians", meeting=5)]
    assert plan(twice_at_one, [], CODES).is_empty


def test_the_same_heading_at_two_bodies_is_two_topics_but_a_modification_is_one():
    headings = [heading(1, "Risk register review", body=1), heading(2, "Risk register review", body=2)]
    assert plan(headings, [], CODES).is_empty
    mods = [heading(3, "MP122 at the Panel", body=1), heading(4, "MP122 – legal text", body=2)]
    assert [len(g.proposed) for g in plan(mods, [], CODES).new_threads] == [2]


def test_a_new_item_joins_the_thread_of_its_topic():
    placed = [(heading(1, "Planned maintenance schedule"), 7), (heading(2, "Planned maintenance schedule"), 7)]
    found = plan([heading(3, "Planned maintenance schedule – June")], placed, CODES)
    assert found.new_threads == [] and [(g.thread, [h.item for h in g.proposed]) for g in found.joining] == [(7, [3])]


def test_different_headings_stay_apart():
    found = plan([heading(1, "Planned maintenance schedule"), heading(2, "Consumer Insight Update")], [], CODES)
    assert found.is_empty
