"""The modifications app's part of the history matrix's canary world (core/tests/test_record_types.py)."""

import datetime as dt

from panelbook.governance import services as governance
from panelbook.modifications import services
from panelbook.modifications.models import Modification

NUMBERS = {"WHITE": 301, "GREEN": 302, "AMBER": 303, "RED": 304}
RECOMMENDED = {"WHITE": 311, "GREEN": 312, "AMBER": 313, "RED": 314}  # Path 2, decided by the Authority


def add(world, level: str, named: dict) -> None:
    """A modification at ``level`` with a timetable, an extension, a DCC assessment, its stages and a
    Change Board vote; a Path 2 one at ``level`` with the Authority's decision; and a document at
    ``level`` on the WHITE one (made first), so a RED document sits on a WHITE modification."""
    modification = services.raise_modification(
        by=None,
        reference=f"MP{NUMBERS[level]}",
        title=f"{level} modification",
        body=world.panel,
        issue="An issue.",
        path="PATH_3",
        raised_on=dt.date(2025, 1, 6),
        classification=level,
        **named,
    )
    first, _ = services.set_timetable(
        modification, by=None, milestones=[("Consultation", dt.date(2025, 3, 3)), ("Vote", dt.date(2025, 4, 2))]
    )
    services.extend_timetable(
        modification,
        by=None,
        from_milestone=first,
        working_days_added=5,
        reason="Late assessment.",
        decision_reference="SECP_1 item 1",
        agreed_on=dt.date(2025, 2, 3),
    )
    assessment = services.request_assessment(
        modification, by=None, kind="PRELIMINARY", requested_on=dt.date(2025, 1, 13), due_on=dt.date(2025, 1, 27)
    )
    services.record_assessment_return(assessment, by=None, delivered_on=dt.date(2025, 1, 24))
    for month, stage in enumerate(["REFINEMENT", "REPORT_PHASE", "REPORT_CONSULTATION", "CHANGE_BOARD"], start=2):
        modification = services.move_to_stage(modification, by=None, stage=stage, on=dt.date(2025, month, 10))
    services.record_votes(modification, by=None, votes={"LARGE_SUPPLIER": "APPROVE"}, on=dt.date(2025, 6, 4))
    recommended = services.raise_modification(
        by=None,
        reference=f"MP{RECOMMENDED[level]}",
        title=f"{level} recommended modification",
        body=world.panel,
        issue="An issue.",
        path="PATH_2",
        raised_on=dt.date(2025, 1, 6),
        classification=level,
        **named,
    )
    for month, stage in enumerate(["REPORT_PHASE", "REPORT_CONSULTATION", "CHANGE_BOARD"], start=2):
        recommended = services.move_to_stage(recommended, by=None, stage=stage, on=dt.date(2025, month, 10))
    recommended, _ = services.record_votes(
        recommended, by=None, votes={"LARGE_SUPPLIER": "APPROVE"}, on=dt.date(2025, 6, 4)
    )
    services.record_authority_decision(recommended, by=None, outcome="APPROVE", decided_on=dt.date(2025, 7, 1))
    paper = governance.create_paper(
        by=None,
        body=world.panel,
        reference=f"MODDOC_{level}",
        title=f"{level} modification document",
        paper_date=dt.date(2025, 2, 3),
        classification=level,
        **named,
    )
    white = Modification.objects.get(reference=f"MP{NUMBERS['WHITE']}")
    services.attach_document(white, by=None, paper=paper, kind="CONSULTATION", attached_on=dt.date(2025, 2, 3))
