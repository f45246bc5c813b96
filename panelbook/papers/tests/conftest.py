import datetime as dt
import io

import docx
import pypdfium2
import pytest
from django.utils import timezone

from panelbook.actions import services
from panelbook.governance import services as governance


@pytest.fixture
def panel_meetings(world):
    """Panel meetings 47, 48, 49 and 50 on the 10th of four consecutive months of 2017, 10:00–13:00."""
    meetings = []
    for number, month in zip((47, 48, 49, 50), (8, 9, 10, 11), strict=True):
        starts = timezone.make_aware(dt.datetime(2017, month, 10, 10, 0))
        meeting = governance.create_meeting(
            by=None,
            body=world.panel,
            number=number,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=3),
            location="8 Fenchurch Place, London",
        )
        governance.add_agenda_item(meeting, by=None, title="Minutes and Actions Outstanding")
        governance.add_agenda_item(meeting, by=None, title="Delegations Register")
        meetings.append(meeting)
    return meetings


@pytest.fixture
def meeting_49(world, panel_meetings):
    """Meeting 49 with one action closed at 48, one proposed to close, and two outstanding."""
    m47, m48, m49, _ = panel_meetings
    publish = raise_action(m47, "SECAS to publish the Delegations Register.")
    report = raise_action(m47, "DCC to report on the SOC2 scope.")
    review = raise_action(m47, "OPSG to review its Terms of Reference.")
    raise_action(m48, "SECAS to circulate the activity planner.")
    services.add_update(publish, by=None, text="Published on 1 September.", on=dt.date(2017, 9, 1))
    services.propose_to_close(publish, by=None, on=dt.date(2017, 9, 1))
    services.close_action(publish, by=None, at_meeting=m48)
    services.add_update(report, by=None, text="Report due in November.", on=dt.date(2017, 9, 20))
    services.propose_to_close(review, by=None, update="Reviewed; no changes.", on=dt.date(2017, 10, 3))
    return m49


def raise_action(meeting, text, **fields):
    return services.raise_action(meeting, by=None, text=text, owner=text.split(" to ")[0], **fields)


def word(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def table_rows(document) -> list[list[list[str]]]:
    """Each table of a Word document as rows of cell texts."""
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def docx_text(data: bytes) -> str:
    """All the text of a Word file: paragraphs, table cells, headers, footers and properties."""
    document = word(data)
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    properties = document.core_properties
    parts += [properties.title, properties.subject, properties.keywords]
    return "\n".join(parts)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, every run of spaces and line ends made one space."""
    pdf = pypdfium2.PdfDocument(data)
    return [" ".join(page.get_textpage().get_text_range().split()) for page in pdf]
