"""A fictional but realistic SEC governance dataset for demonstrations (``panelbook load_demo``).

Everything here is invented: the people, the SEC Party companies (only SECAS, DCC, Ofgem, DESNZ
and Citizens Advice are real institutions, and nobody is named after a real person) and every
word of every paper. The bodies, paper references, standing agenda items and classifications
follow the conventions in ``docs``/the domain reference, not the text of any real SEC paper.

Dates are laid out around the day of loading so the demo never goes stale: the Panel's calendar
runs from the month two years before this one to the end of next month (loaded on 21 November
2026, that is November 2024 to December 2026), the other bodies' from a year before. Meetings
that have started are HELD, later ones PLANNED. Given the same day the data are the same:
every choice comes from a seeded ``random.Random``.

Records are made through the service verbs (``governance.services``), so validation and
history apply exactly as for records made in the web pages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random
import shutil
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.governance import services
from panelbook.governance.models import (
    AgendaItem,
    Appendix,
    Attendance,
    Body,
    Meeting,
    Membership,
    Organisation,
    Paper,
    PaperFile,
    PartyCategory,
    Person,
    Purpose,
)

SEED = 20261121
LONDON = ZoneInfo("Europe/London")
# The Panel's calendar covers two years in full. The other bodies' calendars cover the last year;
# their meetings older than DETAILED_MONTHS have a short agenda (minutes and the main item) and no
# papers or attendance, as if they predate the system. This keeps the load fast: every record
# goes through a service verb (validation and history), several milliseconds each.
DETAILED_MONTHS = 4

WHITE = Classification.WHITE
GREEN = Classification.GREEN
AMBER = Classification.AMBER
RED = Classification.RED

DECISION = Purpose.DECISION
INFORMATION = Purpose.INFORMATION
DISCUSSION = Purpose.DISCUSSION

LS = PartyCategory.LARGE_SUPPLIER
SS = PartyCategory.SMALL_SUPPLIER
ENP = PartyCategory.ELECTRICITY_NETWORK
GNP = PartyCategory.GAS_NETWORK
OTHER = PartyCategory.OTHER
DCC = PartyCategory.DCC
CONSUMER = PartyCategory.CONSUMER
INDEPENDENT = PartyCategory.INDEPENDENT

CHAIR = Membership.Role.CHAIR
MEMBER = Membership.Role.MEMBER
ALTERNATE = Membership.Role.ALTERNATE
SECRETARY = Membership.Role.SECRETARY
OBSERVER = Membership.Role.OBSERVER


# Sign-ins -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignIn:
    role: str
    username: str
    password: str
    person: str
    sees: str


SIGN_INS: tuple[SignIn, ...] = (
    SignIn(
        "SEC Party user (no seat)",
        "party",
        "party-demo-pass",
        "zara",
        "WHITE and GREEN records of every body; the RED Director's Letter appendix addressed "
        "to her company (SSC). No AMBER.",
    ),
    SignIn(
        "Panel member",
        "panel",
        "panel-demo-pass",
        "natalie",
        "WHITE, GREEN, AMBER Panel records (Risk Register, SECAS review); the RED Appendix A "
        "(User Security Assessment non-compliances) of the Sub-Committee Reports.",
    ),
    SignIn(
        "Sub-Committee member (SSC)",
        "ssc",
        "ssc-demo-pass",
        "lucy",
        "WHITE, GREEN, AMBER SSC records (incl. the AMBER ad hoc SSC meeting); the RED SSC "
        "items on User Security Assessment follow-ups.",
    ),
    SignIn(
        "Secretariat (SECAS)",
        "secretariat",
        "secretariat-demo-pass",
        "hannah",
        "WHITE, GREEN and AMBER of every body, and can edit; RED only where named: the Panel Chair recruitment item.",
    ),
    SignIn(
        "Administrator",
        "admin",
        "admin-demo-pass",
        "stuart",
        "As the secretariat, plus the Django admin; RED only where named: the records-system access review appendix.",
    ),
)
ADMINISTRATORS = {sign_in.person for sign_in in SIGN_INS if sign_in.username == "admin"}


# Organisations and people -------------------------------------------------------------------------

# key, name, short name, party category, is a SEC Party, mail domain (reserved .example names)
ORGANISATIONS: tuple[tuple[str, str, str, str, bool, str], ...] = (
    ("secas", "Smart Energy Code Administrator and Secretariat", "SECAS", "", False, "secas"),
    ("dcc", "Data Communications Company", "DCC", DCC, True, "dcc"),
    ("ofgem", "Ofgem", "Ofgem", "", False, "ofgem"),
    ("desnz", "Department for Energy Security and Net Zero", "DESNZ", "", False, "desnz"),
    ("ca", "Citizens Advice", "Citizens Advice", CONSUMER, False, "citizensadvice"),
    ("albion", "Albion Power & Gas plc", "Albion", LS, True, "albionpg"),
    ("harbourline", "Harbourline Energy Supply Ltd", "Harbourline", LS, True, "harbourline"),
    ("kestrel", "Kestrel Home Energy Ltd", "Kestrel", LS, True, "kestrelhome"),
    ("thistledown", "Thistledown Energy Ltd", "Thistledown", LS, True, "thistledown"),
    ("greyfriars", "Greyfriars Energy Supply Ltd", "Greyfriars", LS, True, "greyfriars"),
    ("castlegate", "Castlegate Power Ltd", "Castlegate", LS, True, "castlegate"),
    ("fenwick", "Fenwick & Hale Energy Ltd", "Fenwick & Hale", SS, True, "fenwickhale"),
    ("pebblebrook", "Pebblebrook Power Ltd", "Pebblebrook", SS, True, "pebblebrook"),
    ("wrenfield", "Wrenfield Energy Co-operative Ltd", "Wrenfield", SS, True, "wrenfield"),
    ("saltmarsh", "Saltmarsh Gas & Electric Ltd", "Saltmarsh", SS, True, "saltmarsh"),
    ("orchard", "Orchard Lane Energy Ltd", "Orchard Lane", SS, True, "orchardlane"),
    ("tidewell", "Tidewell Business Energy Ltd", "Tidewell", SS, True, "tidewell"),
    ("eastern", "Eastern Shires Distribution plc", "Eastern Shires", ENP, True, "easternshires"),
    ("caledon", "Caledon Power Networks Ltd", "Caledon", ENP, True, "caledon"),
    ("severn", "Severn & Marches Electricity Networks plc", "Severn & Marches", ENP, True, "smen"),
    ("dales", "Northern Dales Gas Networks Ltd", "Northern Dales Gas", GNP, True, "ndgas"),
    ("cambrian", "Cambrian Gas Distribution plc", "Cambrian Gas", GNP, True, "cambriangas"),
    ("pennine", "Pennine Gas Transportation Ltd", "Pennine Gas", GNP, True, "penninegas"),
    ("haventree", "Haventree Energy Data Ltd", "Haventree", OTHER, True, "haventree"),
    ("quillon", "Quillon Metering Services Ltd", "Quillon", OTHER, True, "quillon"),
    ("ashgrove", "Ashgrove Shared Services Ltd", "Ashgrove", OTHER, True, "ashgrove"),
    ("lodestar", "Lodestar Device Labs Ltd", "Lodestar", OTHER, True, "lodestar"),
    ("corvid", "Corvid Smart Analytics Ltd", "Corvid", OTHER, True, "corvid"),
    ("brackenridge", "Brackenridge Assurance Services Ltd", "Brackenridge", "", False, "bas"),
    ("halyard", "Halyard PKI Consulting Ltd", "Halyard PKI", "", False, "halyard"),
)
WITHDRAWN_ORGANISATIONS = {"saltmarsh"}
DEMO_FINGERPRINT = "Albion Power & Gas plc"  # an invented company: only the demo creates it

# key, name, organisation key (None: independent), job title
PEOPLE: tuple[tuple[str, str, str | None, str], ...] = (
    ("hannah", "Hannah Kirkby", "secas", "Panel Secretary"),
    ("victoria", "Victoria Lang", "secas", "Head of SECAS"),
    ("oliver", "Oliver Brandt", "secas", "Head of Change"),
    ("rachel", "Rachel Nwosu", "secas", "Operations Manager"),
    ("ben", "Ben Hartley", "secas", "Security and Privacy Lead"),
    ("chloe", "Chloe Sandford", "secas", "Technical Operations Lead"),
    ("imran", "Imran Qureshi", "secas", "Governance and Risk Analyst"),
    ("megan", "Megan Doyle", "secas", "Modifications Analyst"),
    ("stuart", "Stuart Bell", "secas", "Systems Administrator"),
    ("richard", "Richard Stavely", "dcc", "Director of Regulation"),
    ("priya", "Priya Venkatesh", "dcc", "Head of Industry Engagement"),
    ("mark", "Mark Tillotson", "dcc", "Head of Service Management"),
    ("grace", "Grace Oduya", "dcc", "Test and Release Manager"),
    ("neil", "Neil Ashworth", "dcc", "Head of Security Assurance"),
    ("lena", "Lena Fischer", "dcc", "Lead Technical Architect"),
    ("samuel", "Samuel Achebe", "ofgem", "Head of Smart Metering Governance"),
    ("laura", "Laura Pennington", "desnz", "Smart Metering Policy Lead"),
    ("eleanor", "Eleanor Voss", "ca", "Senior Policy Manager, Energy"),
    ("callum", "Callum Ross", "ca", "Policy Manager, Scotland"),
    ("margaret", "Margaret Ellison-Hart", None, "Independent Panel Chair"),
    ("alan", "Alan Fairbairn", None, "Independent Chair, SSC and SMKI PMA"),
    ("paul", "Paul Denholm", None, "TABASC Chair"),
    ("diane", "Diane Holloway", None, "TAG Chair"),
    ("jennifer", "Jennifer Armitage", None, "Operations Group Chair"),
    ("philip", "Philip Greaves", None, "SMDA Sub-Committee Chair"),
    ("daniel", "Daniel Whitcombe", "albion", "Head of Smart Metering Regulation"),
    ("fiona", "Fiona Gallagher", "albion", "Smart Metering Policy Manager"),
    ("katherine", "Katherine Moss", "albion", "Information Security Manager"),
    ("robert", "Robert Ng", "albion", "Test Manager"),
    ("kieran", "Kieran Walsh", "albion", "Smart Operations Manager"),
    ("sophie", "Sophie Marchetti", "harbourline", "Industry Codes Manager"),
    ("steven", "Steven Carr", "harbourline", "Head of Cyber Security"),
    ("joseph", "Joseph Mensah", "harbourline", "Enterprise Architect"),
    ("lydia", "Lydia Chambers", "harbourline", "Head of Smart Operations"),
    ("rhys", "Rhys Pritchard", "kestrel", "Regulatory Affairs Lead"),
    ("amelia", "Amelia Frost", "kestrel", "Solution Architect"),
    ("dev", "Dev Malhotra", "kestrel", "Security Architect"),
    ("simon", "Simon Yeo", "thistledown", "PKI Lead"),
    ("owen", "Owen Pryce", "thistledown", "Operations Lead"),
    ("lucy", "Lucy Harrington", "greyfriars", "Security Assurance Lead"),
    ("ewan", "Ewan Baird", "castlegate", "Chief Information Security Officer"),
    ("claire", "Claire Dunmore", "castlegate", "Test Lead"),
    ("benedict", "Benedict Shaw", "castlegate", "Codes Manager"),
    ("zara", "Zara Whitfield", "fenwick", "Regulatory Compliance Manager"),
    ("vikram", "Vikram Rao", "fenwick", "Test and Release Manager"),
    ("aisha", "Aisha Rahman", "pebblebrook", "Compliance Director"),
    ("jasmine", "Jasmine Cole", "pebblebrook", "IT Security Manager"),
    ("tom", "Tom Okafor", "wrenfield", "Head of Regulation"),
    ("gareth", "Gareth Lloyd-Evans", "saltmarsh", "Regulatory Manager"),
    ("hamid", "Hamid Sadeghi", "orchard", "Head of Technology"),
    ("nadia", "Nadia Karim", "orchard", "Operations Manager"),
    ("rosa", "Rosa Delgado", "tidewell", "Regulatory Manager"),
    ("martin", "Martin Okoro", "eastern", "Cyber Security Manager"),
    ("emma", "Emma Sinclair", "eastern", "Testing Lead"),
    ("kirsty", "Kirsty Bain", "eastern", "Codes Analyst"),
    ("ian", "Ian McTaggart", "caledon", "Smart Metering Manager"),
    ("dominic", "Dominic Ashby", "severn", "Smart Grid Architect"),
    ("helen", "Helen Drummond", "dales", "Regulation Manager"),
    ("colin", "Colin Rutherford", "dales", "Operations Manager"),
    ("gwen", "Gwen Pryor", "cambrian", "Information Security Manager"),
    ("natalie", "Natalie Brennan", "haventree", "Director of Regulation"),
    ("tariq", "Tariq Hussain", "haventree", "Head of Information Security"),
    ("marcus", "Marcus Adeyemi", "quillon", "Commercial Director"),
    ("hugh", "Hugh Barrett", "quillon", "Technical Director"),
    ("sarah", "Sarah Whitlock", "quillon", "Field Operations Director"),
    ("joanna", "Joanna Pike", "ashgrove", "Head of Regulation"),
    ("rebecca", "Rebecca Lowe", "ashgrove", "Security Manager"),
    ("ahmed", "Ahmed Saleh", "lodestar", "Test Architect"),
    ("tobias", "Tobias Grant", "corvid", "Chief Technology Officer"),
    ("frances", "Frances Kettering", "brackenridge", "Test House Manager"),
    ("ruth", "Ruth Calloway", "halyard", "SMKI Specialist"),
)


# Bodies -------------------------------------------------------------------------------------------

MON, TUE, WED, THU, FRI = range(5)


@dataclass(frozen=True)
class BodySpec:
    code: str
    name: str
    short_name: str
    kind: str
    prefix: str
    description: str
    cadence: str
    first_number: int
    weekday: int
    weeks: tuple[int, ...]  # which weekday of the month (1 = first)
    hours: tuple[tuple[int, int], tuple[int, int]]
    where: str  # "hybrid", "online" or "room"
    election: int  # month offset of this body's annual election (cohort B; cohort A a year earlier)
    secretary: str  # person key of the SECAS secretary, who records everything for the body
    months: tuple[int, int] = (12, 25)  # month offsets it meets in (the Panel: all 26)
    is_active: bool = True


PANEL_ROOM = "Harcourt Room, SECAS, 7 Lanyard Street, London EC3"
SSC_ROOM = "Keystone Room, SECAS, 7 Lanyard Street, London EC3"

BODIES: tuple[BodySpec, ...] = (
    BodySpec(
        "panel",
        "SEC Panel",
        "Panel",
        Body.Kind.PANEL,
        "SECP",
        "Governs the Smart Energy Code: oversees modifications, the budget, SECAS and the "
        "Sub-Committees, and acts for all SEC Parties openly and without discrimination.",
        "Monthly, usually the second Friday",
        150,
        FRI,
        (2,),
        ((10, 0), (13, 0)),
        "hybrid",
        -1,
        "hannah",
        months=(0, 25),
    ),
    BodySpec(
        "change-board",
        "Change Board",
        "Change Board",
        Body.Kind.BOARD,
        "CB",
        "Votes by Party Category on Modification Reports: decides Self-Governance "
        "modifications and recommends Authority-determined ones to Ofgem.",
        "Monthly, fourth Wednesday",
        130,
        WED,
        (4,),
        ((10, 0), (12, 0)),
        "online",
        10,
        "megan",
    ),
    BodySpec(
        "ssc",
        "Security Sub-Committee",
        "SSC",
        Body.Kind.SUB_COMMITTEE,
        "SSC",
        "Oversees the security obligations of the SEC: User Security Assessments and "
        "compliance status, the Security Controls Framework, CPA monitoring and anomaly "
        "detection.",
        "Twice a month, second and fourth Wednesday",
        311,
        WED,
        (2, 4),
        ((10, 0), (14, 0)),
        "hybrid",
        5,
        "ben",
    ),
    BodySpec(
        "smki-pma",
        "SMKI Policy Management Authority",
        "SMKI PMA",
        Body.Kind.SUB_COMMITTEE,
        "SMKIPMA",
        "Governs the Smart Metering Key Infrastructure: Certificate Policies, the DCC's "
        "assurance status after t-Scheme audits, recovery testing and key custodians.",
        "Monthly, third Tuesday",
        124,
        TUE,
        (3,),
        ((10, 0), (12, 30)),
        "online",
        4,
        "ben",
    ),
    BodySpec(
        "tabasc",
        "Technical Architecture and Business Architecture Sub-Committee",
        "TABASC",
        Body.Kind.SUB_COMMITTEE,
        "TABASC",
        "Maintains the Business and Technical Architecture Documents for the Panel and reviews "
        "the technical impact of modifications and DCC changes.",
        "Monthly, first Thursday",
        120,
        THU,
        (1,),
        ((10, 0), (13, 0)),
        "online",
        7,
        "chloe",
    ),
    BodySpec(
        "tag",
        "Testing Advisory Group",
        "TAG",
        Body.Kind.SUB_COMMITTEE,
        "TAG",
        "Advises the Panel on DCC testing: Testing Approach Documents, Test Completion Reports, "
        "Testing Issue severities and Live Service Criteria.",
        "Monthly, third Wednesday (more often before a release)",
        152,
        WED,
        (3,),
        ((13, 30), (15, 30)),
        "online",
        2,
        "chloe",
    ),
    BodySpec(
        "opsg",
        "Operations Group",
        "OPSG",
        Body.Kind.SUB_COMMITTEE,
        "OPSG",
        "Reviews DCC operational reporting (performance measures, Major Incidents, "
        "Communications Hubs, maintenance) and raises concerns with the Panel.",
        "Monthly, first Tuesday",
        104,
        TUE,
        (1,),
        ((10, 0), (13, 0)),
        "online",
        8,
        "rachel",
    ),
    BodySpec(
        "smda",
        "SMDA Sub-Committee",
        "SMDA",
        Body.Kind.SUB_COMMITTEE,
        "SMDA",
        "Runs the Smart Metering Device Assurance scheme: the Device Assurance Register, the "
        "Test House and Partial Assurance rectification plans.",
        "Monthly, fourth Thursday",
        56,
        THU,
        (4,),
        ((13, 0), (15, 0)),
        "online",
        3,
        "chloe",
    ),
    BodySpec(
        "mwg",
        "Modifications Working Group",
        "MWG",
        Body.Kind.WORKING_GROUP,
        "MWG",
        "Standing Working Group that develops solutions and legal text for Modification "
        "Proposals in the Refinement Process.",
        "Monthly, first Wednesday",
        73,
        WED,
        (1,),
        ((10, 0), (12, 0)),
        "online",
        0,
        "megan",
    ),
    BodySpec(
        "drwg",
        "DCC Reporting Review Working Group",
        "DRWG",
        Body.Kind.WORKING_GROUP,
        "DRWG",
        "Time-limited group set up by the Panel to review which DCC operational reports the "
        "SEC should require. It reported to the Panel and has concluded.",
        "Monthly while active",
        1,
        TUE,
        (2,),
        ((14, 0), (16, 0)),
        "online",
        0,
        "megan",
        months=(13, 18),
        is_active=False,
    ),
)
BODY_SPECS = {spec.code: spec for spec in BODIES}

# Meetings besides the regular pattern: body, month offset, weekday, nth, hours, classification.
AD_HOC = (
    ("panel", 10, TUE, 4, ((14, 0), (15, 30)), WHITE),
    ("ssc", 15, FRI, 1, ((9, 0), (10, 30)), AMBER),
)
# (body, month offset, nth meeting of the month) -> why it was cancelled.
CANCELLED = {
    ("tag", 21, 0): "No items needed a TAG decision this month; the testing updates were circulated by email.",
    ("change-board", 13, 0): "No Modification Reports were ready for a vote; the next vote is in January.",
    ("ssc", 25, 1): "Not held over the holiday period; urgent items will be handled by correspondence.",
}


# Memberships --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    person: str
    role: str
    represents: str
    term: tuple  # ("A"|"B", 0|1) elected term, or (first month offset, last month offset|None)
    alternate_for: str | None = None


def _elected(person: str, represents: str, cohort: str, *terms: int) -> list[Seat]:
    return [Seat(person, MEMBER, represents, (cohort, term)) for term in (terms or (0, 1))]


APPOINTED = (-30, None)

SEATS: dict[str, list[Seat]] = {
    "panel": [
        Seat("margaret", CHAIR, INDEPENDENT, (-26, 29)),
        *_elected("daniel", LS, "A"),
        Seat("fiona", ALTERNATE, LS, ("A", 0), "daniel"),
        Seat("fiona", ALTERNATE, LS, ("A", 1), "daniel"),
        *_elected("sophie", LS, "B", 0),
        *_elected("rhys", LS, "B", 1),
        # Saltmarsh left the market mid-term; an interim election filled the seat.
        Seat("gareth", MEMBER, SS, (-13, 6)),
        Seat("aisha", MEMBER, SS, (8, 10)),
        *_elected("aisha", SS, "A", 1),
        *_elected("tom", SS, "B"),
        *_elected("ian", ENP, "A"),
        *_elected("helen", GNP, "B"),
        *_elected("natalie", OTHER, "A"),
        *_elected("marcus", OTHER, "B", 0),
        *_elected("joanna", OTHER, "B", 1),
        Seat("richard", MEMBER, DCC, APPOINTED),
        Seat("priya", ALTERNATE, DCC, APPOINTED, "richard"),
        Seat("eleanor", MEMBER, CONSUMER, APPOINTED),
        Seat("callum", MEMBER, CONSUMER, APPOINTED),
        Seat("hannah", SECRETARY, "", APPOINTED),
        Seat("samuel", OBSERVER, "", APPOINTED),
        Seat("laura", OBSERVER, "", APPOINTED),
    ],
    "change-board": [
        Seat("oliver", CHAIR, "", APPOINTED),
        *_elected("fiona", LS, "A"),
        *_elected("benedict", LS, "B"),
        *_elected("rosa", SS, "A"),
        *_elected("kirsty", ENP, "B"),
        *_elected("gwen", GNP, "A"),
        *_elected("hugh", OTHER, "B"),
        Seat("priya", MEMBER, DCC, APPOINTED),
        Seat("callum", MEMBER, CONSUMER, APPOINTED),
        Seat("megan", SECRETARY, "", APPOINTED),
    ],
    "ssc": [
        Seat("alan", CHAIR, INDEPENDENT, APPOINTED),
        *_elected("katherine", LS, "A"),
        *_elected("steven", LS, "B"),
        *_elected("dev", LS, "A"),
        *_elected("ewan", LS, "B", 0),
        *_elected("lucy", LS, "B", 1),
        *_elected("simon", LS, "B"),
        *_elected("jasmine", SS, "A"),
        *_elected("hamid", SS, "B"),
        *_elected("martin", ENP, "A"),
        *_elected("gwen", GNP, "B"),
        *_elected("tariq", OTHER, "A"),
        *_elected("rebecca", OTHER, "B"),
        Seat("paul", MEMBER, "", APPOINTED),  # the TABASC representative
        Seat("ben", SECRETARY, "", APPOINTED),
        Seat("neil", OBSERVER, DCC, APPOINTED),
    ],
    "smki-pma": [
        Seat("alan", CHAIR, INDEPENDENT, APPOINTED),
        *_elected("katherine", LS, "A"),
        *_elected("simon", LS, "B"),
        *_elected("jasmine", SS, "A"),
        *_elected("martin", ENP, "B"),
        Seat("ruth", OBSERVER, "", APPOINTED),
        Seat("neil", OBSERVER, DCC, APPOINTED),
        Seat("ben", SECRETARY, "", APPOINTED),
    ],
    "tabasc": [
        Seat("paul", CHAIR, INDEPENDENT, APPOINTED),
        *_elected("amelia", LS, "A"),
        *_elected("joseph", LS, "B"),
        *_elected("hamid", SS, "A"),
        *_elected("dominic", ENP, "B"),
        *_elected("hugh", OTHER, "A"),
        Seat("lena", MEMBER, DCC, APPOINTED),
        Seat("chloe", SECRETARY, "", APPOINTED),
    ],
    "tag": [
        Seat("diane", CHAIR, INDEPENDENT, APPOINTED),
        *_elected("robert", LS, "A"),
        *_elected("claire", LS, "B"),
        *_elected("vikram", SS, "A"),
        *_elected("emma", ENP, "B"),
        *_elected("ahmed", OTHER, "A"),
        Seat("grace", OBSERVER, DCC, APPOINTED),
        Seat("chloe", SECRETARY, "", APPOINTED),
    ],
    "opsg": [
        Seat("jennifer", CHAIR, INDEPENDENT, APPOINTED),
        *_elected("kieran", LS, "A"),
        *_elected("lydia", LS, "B"),
        *_elected("owen", LS, "A"),
        *_elected("nadia", SS, "B"),
        *_elected("colin", GNP, "A"),
        *_elected("sarah", OTHER, "B"),
        Seat("mark", MEMBER, DCC, APPOINTED),
        Seat("rachel", SECRETARY, "", APPOINTED),
    ],
    "smda": [
        Seat("philip", CHAIR, INDEPENDENT, APPOINTED),
        *_elected("claire", LS, "A"),
        *_elected("vikram", SS, "B"),
        *_elected("ahmed", OTHER, "A"),
        Seat("frances", OBSERVER, "", APPOINTED),
        Seat("chloe", SECRETARY, "", APPOINTED),
    ],
    "mwg": [
        Seat("oliver", CHAIR, "", (-20, None)),
        Seat("fiona", MEMBER, LS, (-20, None)),
        Seat("rosa", MEMBER, SS, (-20, None)),
        Seat("kirsty", MEMBER, ENP, (-20, None)),
        Seat("hugh", MEMBER, OTHER, (-20, None)),
        Seat("tobias", MEMBER, OTHER, (2, None)),
        Seat("priya", MEMBER, DCC, (-20, None)),
        Seat("megan", SECRETARY, "", (-20, None)),
    ],
    "drwg": [
        Seat("rachel", CHAIR, "", (12, 18)),
        Seat("kieran", MEMBER, LS, (12, 18)),
        Seat("lydia", MEMBER, LS, (12, 18)),
        Seat("nadia", MEMBER, SS, (12, 18)),
        Seat("sarah", MEMBER, OTHER, (12, 18)),
        Seat("mark", MEMBER, DCC, (12, 18)),
        Seat("megan", SECRETARY, "", (12, 18)),
    ],
}
# People with an account (besides the demo sign-ins): they are named on RED records or record
# the secretariat's work. Their accounts have no usable password.
ACCOUNT_BODIES = {"panel", "ssc", "smki-pma"}


# Modifications and other reference text -----------------------------------------------------------

# reference, title, raised by (organisation key), what it would do
MODS = (
    (
        "MP311",
        "Communications Hub returns for non-defective devices",
        "quillon",
        "clarify who pays when a Communications Hub returned as faulty is found to work",
    ),
    (
        "MP314",
        "Retention of Anomaly Detection logs",
        "haventree",
        "extend how long Anomaly Detection logs are kept, so investigations can look further back",
    ),
    (
        "MP317",
        "Working Days and substitute bank holidays",
        "wrenfield",
        "make the SEC definition of Working Day follow bank holidays announced at short notice",
    ),
    (
        "MP319",
        "Firmware versions in the Smart Metering Inventory",
        "kestrel",
        "require Device firmware versions in the Smart Metering Inventory to be updated within "
        "five Working Days of an upgrade",
    ),
    (
        "MP322",
        "Simplifying the Panel election timetable",
        "pebblebrook",
        "shorten the Panel election timetable and accept nominations electronically",
    ),
    (
        "MP324",
        "Prepayment top-up Service Request error codes",
        "albion",
        "add specific response codes when a prepayment top-up cannot be applied",
    ),
    (
        "MP327",
        "Frequency of Shared Resource Provider assessments",
        "ashgrove",
        "set how often a Shared Resource Provider needs a full User Security Assessment",
    ),
    (
        "MP330",
        "Publishing Sub-Committee meeting summaries",
        "tidewell",
        "require a summary of every Sub-Committee meeting to be published within ten Working Days",
    ),
    (
        "MP333",
        "Power outage alerts for Other Users",
        "corvid",
        "let Other Users receive power outage alerts with the consumer's consent",
    ),
    (
        "MP336",
        "One Testing Approach Document per SEC Release",
        "castlegate",
        "replace release-specific testing approach documents with a single rolling document",
    ),
)
DCC_PROGRAMMES = (
    "the 4G Communications Hub roll-out",
    "the Data Service Provider re-procurement",
    "the Network Evolution programme",
    "the Communications Hub firmware refresh",
    "the service desk replacement",
)
INCIDENT_CAUSES = (
    "a certificate expiry on a message gateway",
    "a failed database switchover at the primary data centre",
    "a configuration change in the Communications Service Provider network",
    "degraded performance of the Service Request queue after a patch",
    "a power fault at a third-party hosting site",
)
SCF_TOPICS = (
    "privileged access to cloud-hosted User Systems",
    "the retention of security logs",
    "how often staff vetting must be refreshed",
    "multi-factor authentication for remote access",
    "segregation of test and production environments",
)
NEW_RISKS = (
    "the loss of key SECAS staff during the contract transition",
    "late DCC Impact Assessments delaying the next SEC Release",
    "low turnout in Sub-Committee elections",
    "supply-chain delays for 4G Communications Hubs",
)
TABASC_HIGHLIGHTS = (
    "reviewed the business case for MP319 before its Impact Assessment",
    "approved updates to the Business Architecture Document",
    "considered the DCC's Network Evolution road map",
    "agreed the questions for its annual Effectiveness Review",
    "reviewed its Risk Register and closed two risks",
)
TAG_HIGHLIGHTS = (
    "agreed completion of Systems Integration Testing for the {release} SEC Release",
    "conditionally approved the Testing Approach Document for the {release} SEC Release",
    "agreed severity ratings for three open Testing Issues",
    "set the regression testing Live Service Criterion to Green",
)
OPSG_HIGHLIGHTS = (
    "raised concerns about first-time install failures of Communications Hubs in the north",
    "reviewed the DCC Service Improvement Plan for Service Request response times",
    "endorsed the DCC's approach to the winter maintenance schedule",
    "reviewed two Major Incident reports and asked for root-cause updates",
)
OPSG_CONCERNS = (
    "Communications Hub first-time install failure rates",
    "slow Service Request responses at month end",
    "the number of spurious alerts reaching Suppliers",
    "repeated overruns of planned maintenance windows",
)
SMKI_HIGHLIGHTS = (
    "set the DCC's Assurance Status following the annual t-Scheme audit",
    "approved the SMKI Recovery test plan",
    "reviewed proposed changes to the Device Certificate Policy",
)
SMDA_HIGHLIGHTS = (
    "noted four Device models added to the Device Assurance Register",
    "reviewed two Partial Assurance rectification plans",
    "accepted the Test House quarterly report",
)
ASSESSED_PARTIES = (
    "orchard",
    "tidewell",
    "quillon",
    "corvid",
    "wrenfield",
    "pebblebrook",
    "lodestar",
    "ashgrove",
    "castlegate",
    "thistledown",
)
LATE_NOTES = (
    "Late paper: figures updated after the DCC's month-end data refresh.",
    "Revised version: corrected the totals in section 2.",
    "Late paper: updated to reflect the Sub-Committee meeting held this week.",
    "Revised version: recommendations reworded following Chair review.",
)


# Small date helpers -------------------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _nth_weekday(month: dt.date, weekday: int, nth: int) -> dt.date:
    first = month.replace(day=1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _working_days_before(day: dt.date, count: int) -> dt.date:
    while count:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _regulatory_year(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _next_release(day: dt.date) -> str:
    for year in (day.year, day.year + 1):
        for month in (2, 6, 11):
            if dt.date(year, month, 1) > day:
                return f"{dt.date(year, month, 1):%B %Y}"
    raise AssertionError("unreachable")


# What gets built ----------------------------------------------------------------------------------


@dataclass
class AppendixSpec:
    label: str
    title: str
    paragraphs: list[str]
    recipients: tuple[str, ...]
    by: str  # person key of whoever attaches it


@dataclass
class Doc:
    title: str
    summary: str
    paragraphs: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=lambda: ["NOTE the contents of this paper."])
    classification: str = WHITE
    author: str = "SECAS Team"
    appendix: AppendixSpec | None = None
    always: bool = False  # issued even for a meeting whose paper day is still ahead


@dataclass
class Item:
    title: str
    purpose: str
    presenter: str | None
    paper: Doc | None = None
    classification: str = WHITE
    recipients: tuple[str, ...] = ()


@dataclass
class Slot:
    body: BodySpec
    starts_at: dt.datetime
    ends_at: dt.datetime
    offset: int
    nth: int
    kind: str = Meeting.Kind.ORDINARY
    classification: str = WHITE
    number: int = 0


@dataclass
class Ctx:
    """One meeting being filled in."""

    slot: Slot
    meeting: Meeting
    previous: Meeting | None
    held: bool

    @property
    def date(self) -> dt.date:
        return timezone.localtime(self.slot.starts_at).date()

    @property
    def last_month(self) -> str:
        return f"{_add_months(self.date, -1):%B %Y}"


class DemoConflict(Exception):
    """The database holds records that are not the demo's, so the demo is not loaded."""


# The docx writer ----------------------------------------------------------------------------------

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT_PART = "word/document.xml"
ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


class DocxWriter:
    """Writes small Word documents with python-docx.

    Opening python-docx's template, adding paragraphs through its API and zipping 800 kB of
    styles takes ~40 ms a document, too slow for hundreds of papers. So the package is built
    once; for each paper only the body is rebuilt (from paragraph XML, parsed by python-docx's
    oxml layer) and the document part appended to a copy of the prepared archive (~1 ms).
    """

    def __init__(self) -> None:
        self.document = Document()
        part = self.document.part
        for rel in list(part.rels.values()):
            if rel.reltype.endswith("/stylesWithEffects"):  # optional, and 430 kB
                part.drop_rel(rel.rId)
        properties = self.document.core_properties
        properties.author = properties.last_modified_by = "SECAS Team"
        properties.created = properties.modified = dt.datetime(2024, 1, 1)
        properties.revision = 1
        properties.comments = "Fictional demonstration document."
        self.styles = {
            name: self.document.styles[name].style_id
            for name in ("Title", "Heading 1", "Heading 2", "List Bullet", "Intense Quote")
        }
        packed = io.BytesIO()
        self.document.save(packed)
        base = io.BytesIO()
        with zipfile.ZipFile(packed) as source, zipfile.ZipFile(base, "w") as target:
            for name in source.namelist():
                if name != DOCUMENT_PART:
                    target.writestr(_zip_info(name), source.read(name))
        self.base = base.getvalue()

    def _paragraph(self, text: str, style: str | None = None, bold_prefix: str = "") -> str:
        properties = f'<w:pPr><w:pStyle w:val="{self.styles[style]}"/></w:pPr>' if style else ""
        runs = ""
        if bold_prefix:
            runs = f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(bold_prefix)}</w:t></w:r>'
        runs += f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        return f"<w:p>{properties}{runs}</w:p>"

    def render(
        self,
        *,
        title: str,
        reference: str,
        classification: str,
        purpose: str,
        sections: list[tuple[str, list[str]]],
        bullets: list[str] = (),
        footer: list[str] = (),
    ) -> bytes:
        colour = classification.title()
        add = self._paragraph
        parts = [
            add(title, "Title"),
            add(reference, bold_prefix="Paper Reference: "),
            add(purpose, bold_prefix="Action: "),
            add(f"This document has a Classification of {colour}", "Intense Quote"),
        ]
        for number, (heading, paragraphs) in enumerate(sections, start=1):
            parts.append(add(f"{number}. {heading}", "Heading 1"))
            parts.extend(add(text) for text in paragraphs)
        parts.extend(add(text, "List Bullet") for text in bullets)
        parts.extend(add(text) for text in footer)
        body = self.document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        fragment = parse_xml(f"<w:body {nsdecls('w')}>{''.join(parts)}</w:body>")
        for index, paragraph in enumerate(list(fragment)):
            body.insert(index, paragraph)
        archive = io.BytesIO(self.base)
        with zipfile.ZipFile(archive, "a") as target:
            target.writestr(_zip_info(DOCUMENT_PART), self.document.part.blob)
        return archive.getvalue()


# Loading ------------------------------------------------------------------------------------------


def database_label() -> str:
    """Where the data live, for messages: the SQLite file, or the database name and host."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(config["NAME"])
    host = config.get("HOST") or "localhost"
    return f"database {config['NAME']} on {host} (files in {settings.MEDIA_ROOT})"


def demo_present() -> bool:
    """Whether the demo has been loaded: its Panel and its (fictional) first SEC Party exist."""
    return Body.objects.filter(code="panel").exists() and Organisation.objects.filter(name=DEMO_FINGERPRINT).exists()


def load(now: dt.datetime | None = None) -> dict[str, int] | None:
    """Load the demo in one transaction. Returns counts, or None when it was already there.

    Raises DemoConflict when the database holds other governance records or users with the
    demo's names, rather than mixing the demo into real data.
    """
    papers: list[int] = []
    try:
        with transaction.atomic():
            if demo_present():
                return None
            _refuse_conflicts()
            _Builder(now or timezone.now(), papers).run()
            return counts()
    except BaseException:
        # The rows are rolled back (and their ids will be used again); remove their files too.
        for pk in papers:
            _remove_folder(f"papers/{pk}")
        raise


def _remove_folder(name: str) -> None:
    try:
        path = Path(default_storage.path(name))
    except NotImplementedError:  # not on the local file system; leave it
        return
    shutil.rmtree(path, ignore_errors=True)


def counts() -> dict[str, int]:
    return {
        "bodies": Body.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "meetings": Meeting.objects.count(),
        "agenda items": AgendaItem.objects.count(),
        "papers": Paper.objects.count(),
        "appendices": Appendix.objects.count(),
        "files": PaperFile.objects.count(),
        "attendance records": Attendance.objects.count(),
        "users": User.objects.count(),
    }


def _refuse_conflicts() -> None:
    if Body.objects.exists() or Meeting.objects.exists() or Organisation.objects.exists():
        raise DemoConflict(
            f"{database_label()} already holds governance records that are not the demo; "
            "load the demo into an empty data directory (PANELBOOK_DATA_DIR) instead."
        )
    taken = sorted(User.objects.filter(username__in=_all_demo_usernames()).values_list("username", flat=True))
    if taken:
        raise DemoConflict(
            f"{database_label()} already has users named {', '.join(taken)}, which the demo "
            "needs; load the demo into an empty data directory instead."
        )


def _account_people() -> dict[str, str]:
    """Person key -> username, for everyone who gets an account."""
    demo = {sign_in.person: sign_in.username for sign_in in SIGN_INS}
    keys = {key for key, _, org, _ in PEOPLE if org == "secas"}
    keys |= {seat.person for code in ACCOUNT_BODIES for seat in SEATS[code]}
    names = {key: name for key, name, _, _ in PEOPLE}
    return {key: demo.get(key) or names[key].lower().replace(" ", ".") for key in sorted(keys | set(demo))}


def _all_demo_usernames() -> list[str]:
    return list(_account_people().values())


class _Builder:
    def __init__(self, now: dt.datetime, papers: list[int]) -> None:
        self.now = now
        self.today = timezone.localdate(now)
        self.start = _add_months(self.today, -24)
        self.rng = random.Random(SEED)
        self.papers = papers  # ids of the papers made, so their files can be removed on failure
        self.docx = DocxWriter()
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.users: dict[str, User] = {}
        self.bodies: dict[str, Body] = {}
        self.seats: dict[str, list[Membership]] = defaultdict(list)
        self.person_keys: dict[int, str] = {}

    # Dates

    def month(self, offset: int) -> dt.date:
        return _add_months(self.start, offset)

    def month_end(self, offset: int) -> dt.date:
        return self.month(offset + 1) - dt.timedelta(days=1)

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)

    # The steps

    def run(self) -> None:
        self.make_organisations()
        self.make_people_and_users()
        self.make_bodies()
        self.make_memberships()
        self.make_meetings()
        self.date_uploads()

    def make_organisations(self) -> None:
        for key, name, short, category, is_party, _ in ORGANISATIONS:
            status = Organisation.Status.WITHDRAWN if key in WITHDRAWN_ORGANISATIONS else Organisation.Status.ACTIVE
            self.orgs[key] = Organisation.objects.create(
                name=name,
                short_name=short,
                party_category=category,
                is_sec_party=is_party,
                status=status,
            )

    def make_people_and_users(self) -> None:
        domains = {key: domain for key, *_, domain in ORGANISATIONS}
        accounts = _account_people()
        passwords = {sign_in.person: sign_in.password for sign_in in SIGN_INS}
        for key, name, org_key, job in PEOPLE:
            first, last = name.lower().split(" ", 1)
            domain = domains[org_key] if org_key else "independent"
            email = f"{first}.{last.replace(' ', '')}@{domain}.example"
            user = None
            if key in accounts:
                user = User.objects.create_user(
                    username=accounts[key],
                    email=email,
                    password=passwords.get(key),
                    first_name=name.split(" ", 1)[0],
                    last_name=name.split(" ", 1)[1],
                )
                if org_key == "secas":
                    user.is_secretariat = True
                if key in ADMINISTRATORS:
                    user.is_superuser = user.is_staff = True
                user.save()
                self.users[key] = user
            person = Person.objects.create(
                name=name,
                organisation=self.orgs.get(org_key),
                job_title=job,
                email=email,
                user=user,
            )
            self.people[key] = person
            self.person_keys[person.pk] = key

    def make_bodies(self) -> None:
        for order, spec in enumerate(BODIES, start=1):
            self.bodies[spec.code] = Body.objects.create(
                code=spec.code,
                name=spec.name,
                short_name=spec.short_name,
                kind=spec.kind,
                parent=None if spec.code == "panel" else self.bodies["panel"],
                paper_prefix=spec.prefix,
                action_prefix=spec.prefix,
                description=spec.description,
                cadence=spec.cadence,
                display_order=order,
                is_active=spec.is_active,
            )

    def term(self, spec: BodySpec, term: tuple) -> tuple[dt.date, dt.date | None]:
        if isinstance(term[0], str):
            cohort, index = term
            first = spec.election - (12 if cohort == "A" else 0)
            while first > 0:
                first -= 24
            while first + 24 <= 0:
                first += 24
            first += 24 * index
            return self.month(first), self.month_end(first + 23)
        first, last = term
        return self.month(first), None if last is None else self.month_end(last)

    def make_memberships(self) -> None:
        for code, seats in SEATS.items():
            spec = BODY_SPECS[code]
            for seat in seats:
                start, end = self.term(spec, seat.term)
                self.seats[code].append(
                    Membership.objects.create(
                        body=self.bodies[code],
                        person=self.people[seat.person],
                        role=seat.role,
                        represents=seat.represents,
                        alternate_for=self.people.get(seat.alternate_for or ""),
                        start_date=start,
                        end_date=end,
                    )
                )

    def seated(self, code: str, day: dt.date) -> list[Membership]:
        return [
            seat
            for seat in self.seats[code]
            if seat.start_date <= day and (seat.end_date is None or seat.end_date >= day)
        ]

    # Meetings

    def slots(self) -> list[Slot]:
        slots = []
        for spec in BODIES:
            (start_h, start_m), (end_h, end_m) = spec.hours
            for offset in range(spec.months[0], spec.months[1] + 1):
                for nth, week in enumerate(spec.weeks):
                    day = _nth_weekday(self.month(offset), spec.weekday, week)
                    slots.append(
                        Slot(
                            spec,
                            self.at(day, start_h, start_m),
                            self.at(day, end_h, end_m),
                            offset,
                            nth,
                        )
                    )
        for code, offset, weekday, week, hours, classification in AD_HOC:
            day = _nth_weekday(self.month(offset), weekday, week)
            (start_h, start_m), (end_h, end_m) = hours
            slots.append(
                Slot(
                    BODY_SPECS[code],
                    self.at(day, start_h, start_m),
                    self.at(day, end_h, end_m),
                    offset,
                    9,
                    Meeting.Kind.AD_HOC,
                    classification,
                )
            )
        slots.sort(key=lambda slot: (slot.body.code, slot.starts_at))
        number: dict[str, int] = {}
        for slot in slots:
            code = slot.body.code
            number[code] = number.get(code, slot.body.first_number - 1) + 1
            slot.number = number[code]
        return slots

    def make_meetings(self) -> None:
        by_body: dict[str, list[Slot]] = defaultdict(list)
        for slot in self.slots():
            by_body[slot.body.code].append(slot)
        for spec in BODIES:  # fixed order keeps the random choices the same every time
            previous = None
            next_planned_done = False
            for slot in by_body[spec.code]:
                meeting = self.make_meeting(slot)
                reason = CANCELLED.get((spec.code, slot.offset, slot.nth))
                if reason and slot.kind == Meeting.Kind.ORDINARY:
                    services.cancel_meeting(meeting, by=self.by(spec), reason=reason)
                    continue
                held = slot.starts_at < self.now
                detailed = (
                    spec.code in ("panel", "drwg")
                    or slot.kind == Meeting.Kind.AD_HOC
                    or slot.offset >= 24 - DETAILED_MONTHS
                    or not held
                    and not next_planned_done
                )
                if not held:
                    next_planned_done = True
                ctx = Ctx(slot, meeting, previous, held)
                self.fill(ctx, detailed)
                if held:
                    if detailed:
                        self.attendance(ctx)
                    services.mark_meeting_held(meeting, by=self.by(spec))
                previous = meeting

    def by(self, spec: BodySpec) -> User:
        return self.users[spec.secretary]

    def make_meeting(self, slot: Slot) -> Meeting:
        spec = slot.body
        month = timezone.localtime(slot.starts_at).month
        where = spec.where
        if spec.code == "panel" and month in (8, 12):
            where = "online"
        elif spec.code == "panel" and month == 7:
            where = "room"  # the summer meeting, with the strategy session, is in person
        location = {"hybrid": PANEL_ROOM if spec.code == "panel" else SSC_ROOM, "room": PANEL_ROOM}.get(where, "")
        if slot.kind == Meeting.Kind.AD_HOC:
            where, location = "online", ""
        return services.create_meeting(
            by=self.by(spec),
            body=self.bodies[spec.code],
            number=slot.number,
            kind=slot.kind,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            location=location,
            is_virtual=where != "room",
            classification=slot.classification,
        )

    # Agendas and papers

    def fill(self, ctx: Ctx, detailed: bool) -> None:
        """Add the agenda; a detailed meeting gets its papers too, others only core items."""
        spec = ctx.slot.body
        if ctx.slot.kind == Meeting.Kind.AD_HOC:
            items = AD_HOC_AGENDAS[spec.code](self, ctx)
        else:
            items = AGENDAS[spec.code](self, ctx)
        if not detailed:
            items = items[:2]
        by = self.by(spec)
        made = []
        for number, item in enumerate(items, start=1):
            presenter = self.people[item.presenter] if item.presenter else None
            red = item.classification == RED
            recipients = self.recipients(item.recipients, ctx) if red else None
            agenda_item = services.add_agenda_item(
                ctx.meeting,
                by=by,
                recipients=recipients,
                number=number,
                position=number,
                title=item.title,
                purpose=item.purpose,
                presenter=presenter,
                presenter_organisation=presenter.organisation if presenter else None,
                classification=item.classification,
            )
            made.append((item, agenda_item))
        for item, agenda_item in made:
            wanted = ctx.held or item.paper and (item.paper.always or self.rng.random() < 0.6)
            if item.paper and detailed and wanted:
                self.paper(ctx, item, agenda_item)
        ordinary = ctx.slot.kind == Meeting.Kind.ORDINARY
        if spec.code == "panel" and ordinary and ctx.slot.offset % 7 == 2:
            # The observers had to leave early, so their update was taken second.
            update = next(a for i, a in made if i.title.startswith("Ofgem and DESNZ"))
            services.bring_forward(update, by=by, before=made[1][1])

    def recipients(self, keys: Iterable[str], ctx: Ctx) -> list[User]:
        users = []
        for key in keys:
            if key.startswith("@"):  # every current chair and member of a body with an account
                for seat in self.seated(key[1:], ctx.date):
                    person_key = self.person_keys[seat.person_id]
                    if seat.role in (CHAIR, MEMBER) and person_key in self.users:
                        users.append(self.users[person_key])
            else:
                users.append(self.users[key])
        return list(dict.fromkeys(users))

    def paper(self, ctx: Ctx, item: Item, agenda_item: AgendaItem) -> None:
        doc = item.paper
        spec = ctx.slot.body
        by = self.by(spec)
        classification = doc.classification
        if Classification.rank(item.classification) > Classification.rank(classification):
            classification = item.classification
        recipients = self.recipients(item.recipients, ctx) if classification == RED else None
        reference = Paper.reference_for(agenda_item)
        paper_day = _working_days_before(ctx.date, 5)
        if ctx.slot.kind == Meeting.Kind.AD_HOC:
            paper_day = _working_days_before(ctx.date, 1)
        paper_day = min(paper_day, self.today)
        appendix = doc.appendix
        attachments = [f"{appendix.label}: {appendix.title} (RED)"] if appendix else []
        content = self.render(doc, reference, classification, item.purpose, spec, attachments, paper_day)
        paper = services.create_paper(
            by=by,
            agenda_item=agenda_item,
            title=doc.title,
            purpose=item.purpose,
            author=doc.author,
            paper_date=paper_day,
            summary=doc.summary,
            classification=classification,
            recipients=recipients,
            upload=self.upload(f"{reference}.docx", content),
        )
        self.papers.append(paper.pk)
        if ctx.held and self.rng.random() < 0.08:
            note = self.rng.choice(LATE_NOTES)
            late = dataclasses.replace(doc, paragraphs=[*doc.paragraphs, note])
            content = self.render(late, reference, classification, item.purpose, spec, attachments, paper_day)
            services.add_paper_version(paper, self.upload(f"{reference}.docx", content), by=by, note=note)
        if appendix:
            content = self.docx.render(
                title=f"{appendix.label}: {appendix.title}",
                reference=reference,
                classification=RED,
                purpose=Purpose(item.purpose).label,
                sections=[("Confidential detail", appendix.paragraphs)],
                footer=["Named recipients only. Do not forward or copy."],
            )
            attached_by = self.users[appendix.by]
            services.add_appendix(
                paper,
                by=attached_by,
                label=appendix.label,
                title=appendix.title,
                classification=RED,
                recipients=self.recipients(appendix.recipients, ctx),
                upload=self.upload(f"{reference} {appendix.label}.docx", content),
            )

    def render(
        self,
        doc: Doc,
        reference: str,
        classification: str,
        purpose: str,
        spec: BodySpec,
        attachments: list[str],
        day: dt.date,
    ) -> bytes:
        audience = "Panel" if spec.code == "panel" else spec.short_name
        footer = [doc.author, _long(day)]
        if attachments:
            footer.append("Attachments: " + "; ".join(attachments))
        return self.docx.render(
            title=doc.title,
            reference=reference,
            classification=classification,
            purpose=Purpose(purpose).label,
            sections=[
                ("Purpose", [doc.summary]),
                ("Discussion", doc.paragraphs or ["Further detail will be given at the meeting."]),
                ("Recommendations", [f"The {audience} is requested to:"]),
            ],
            bullets=doc.recommendations,
            footer=footer,
        )

    def upload(self, name: str, content: bytes) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content, content_type=DOCX_TYPE)

    def date_uploads(self) -> None:
        """Date each upload as if it had come in on paper day (a late version: the day before
        the meeting), instead of the moment of loading. The verbs do not take a date."""
        uploads: dict[dt.datetime, list[int]] = defaultdict(list)
        files = PaperFile.objects.values_list(
            "pk", "version", "appendix_id", "paper__paper_date", "paper__meeting__starts_at"
        )
        for pk, version, appendix_id, paper_day, starts_at in files:
            if version > 1:
                day = _working_days_before(timezone.localtime(starts_at).date(), 1)
                uploads[self.at(day, 11, 15)].append(pk)
            else:
                uploads[self.at(paper_day, 17 if appendix_id else 16, 30)].append(pk)
        for when, pks in uploads.items():
            PaperFile.objects.filter(pk__in=pks).update(uploaded_at=when)

    # Attendance

    def attendance(self, ctx: Ctx) -> None:
        spec = ctx.slot.body
        by = self.by(spec)
        meeting = ctx.meeting
        seats = self.seated(spec.code, ctx.date)
        alternates = {seat.alternate_for_id: seat for seat in seats if seat.role == ALTERNATE}
        recorded = set()
        for seat in seats:
            if seat.role == ALTERNATE:
                continue
            key = self.person_keys[seat.person_id]
            chance = 0.25 if seat.role == OBSERVER else 0.08
            away = self.rng.random() < chance
            if spec.code == "panel" and key == "daniel" and ctx.slot.offset in (3, 12, 20):
                away = True
            if seat.role in (CHAIR, SECRETARY):
                away = False
            status = Attendance.Status.APOLOGIES if away else Attendance.Status.PRESENT
            services.record_attendance(meeting, seat.person, by=by, status=status, represents=seat.represents)
            recorded.add(seat.person_id)
            alternate = alternates.get(seat.person_id)
            if away and alternate and alternate.person_id not in recorded:
                services.record_attendance(
                    meeting,
                    alternate.person,
                    by=by,
                    status=Attendance.Status.PRESENT,
                    represents=alternate.represents,
                    alternate_for=seat.person,
                )
                recorded.add(alternate.person_id)

    # Helpers for the agenda writers

    def pick(self, options):
        return self.rng.choice(options)

    def num(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def mods(self, ctx: Ctx, count: int = 2, shift: int = 0) -> list[tuple[str, str, str, str]]:
        first = (ctx.slot.offset + shift) % len(MODS)
        return [MODS[(first + n) % len(MODS)] for n in range(count)]

    def minutes_item(self, ctx: Ctx, chair: str, classification: str = WHITE) -> Item:
        spec = ctx.slot.body
        previous = ctx.previous
        if previous is None:
            summary = "Actions outstanding from earlier meetings, with progress since."
            recommendations = ["NOTE the progress on actions outstanding."]
        else:
            when = _long(timezone.localtime(previous.starts_at).date())
            closing, still_open = self.num(2, 6), self.num(3, 11)
            summary = (
                f"Draft minutes of meeting {previous.number} held on {when}, and the actions "
                f"log: {closing} actions are proposed for closure and {still_open} remain open."
            )
            sequence = self.num(1, 6)
            recommendations = [
                f"APPROVE the minutes of meeting {previous.number} as an accurate record.",
                "AGREE that the actions marked Propose to Close are closed.",
            ]
            spec_prefix = spec.prefix
            summary += (
                f" Action {spec_prefix}{previous.number}/{sequence:02d} is carried forward "
                "pending an update from the DCC."
            )
        return Item(
            "Minutes and Actions Outstanding",
            DECISION,
            chair,
            Doc(
                "Minutes and Actions Outstanding",
                summary,
                recommendations=recommendations,
                classification=classification,
                always=True,
            ),
        )

    def aob(self, chair: str) -> Item:
        return Item("Any Other Business", INFORMATION, chair)


# Agenda writers, one per body: each returns the items for one meeting -----------------------------


def _panel(b: _Builder, ctx: Ctx) -> list[Item]:
    date, last_month = ctx.date, ctx.last_month
    offset = ctx.slot.offset
    release = _next_release(date)
    items = [b.minutes_item(ctx, "margaret")]

    mod, title, raiser, what = MODS[offset % len(MODS)]
    raised = _add_months(date, -1).replace(day=b.num(3, 24))
    items.append(
        Item(
            f"{mod} '{title}' – Initial Modification Report",
            DECISION,
            "oliver",
            Doc(
                f"{mod} Initial Modification Report",
                f"{b.orgs[raiser].name} raised {mod} on {_long(raised)}. It would {what}. SECAS "
                "recommends that it goes to the Refinement Process as a Self-Governance "
                "Modification and is discussed at the Modifications Working Group.",
                [
                    "The Proposer has identified the affected SEC Sections and believes the change "
                    "better facilitates General SEC Objective (g), efficient and transparent code "
                    "administration.",
                    f"A preliminary DCC assessment is not needed; SECAS expects the Modification "
                    f"Report in {_add_months(date, 4):%B %Y}.",
                ],
                [
                    f"AGREE that {mod} progresses to the Refinement Process.",
                    "AGREE the Self-Governance path and the proposed timetable.",
                ],
            ),
        )
    )
    items.extend(_panel_month_items(b, ctx))

    mod_a, mod_b = b.mods(ctx, 2, shift=3)
    items.append(
        Item(
            "Change Status Report",
            INFORMATION,
            "oliver",
            Doc(
                f"Change Status Report – {last_month}",
                f"Status of all Modification Proposals at the end of {last_month}: "
                f"{b.num(14, 22)} open proposals, of which {b.num(2, 5)} are in the Report Phase. "
                f"{mod_a[0]} ({mod_a[1]}) reached the Report Phase; the {release} SEC Release "
                f"contains {b.num(3, 8)} modifications.",
                [
                    f"Consultation on {mod_b[0]} closes in three weeks; SECAS has received "
                    f"{b.num(2, 9)} responses so far."
                ],
                always=True,
            ),
        )
    )
    items.append(
        Item(
            "SEC Modification Timetables",
            DECISION,
            "oliver",
            Doc(
                "SEC Modification Timetables",
                f"Revised timetables for {mod_b[0]} and {mod_a[0]}. The extension for {mod_b[0]} "
                f"lets the Working Group consider the DCC Impact Assessment, now due in "
                f"{_add_months(date, 2):%B %Y}, before the Modification Report Consultation.",
                [f"{mod_a[0]} remains on track for the {release} SEC Release."],
                [f"AGREE the revised timetable for {mod_b[0]}.", "NOTE the other timetables."],
                always=True,
            ),
        )
    )
    incidents = b.num(0, 3)
    items.append(
        Item(
            "DCC Update (including Major Incident Reporting)",
            INFORMATION,
            "richard",
            Doc(
                f"DCC Update – {last_month}",
                f"The DCC's report on service performance in {last_month}, progress on "
                f"{b.pick(DCC_PROGRAMMES)} and Major Incidents: {incidents} Category 2 "
                f"incident{'s' if incidents != 1 else ''} and no Category 1 incidents were closed.",
                [
                    f"The most significant incident followed {b.pick(INCIDENT_CAUSES)}; the DCC has "
                    "completed its root-cause analysis and will report lessons learned to OPSG."
                ],
                classification=GREEN if offset % 3 == 0 else WHITE,
                author="DCC",
            ),
        )
    )
    assessed = b.num(2, 7)
    with_appendix = offset % 2 == 0
    appendix = None
    if with_appendix:
        parties = b.rng.sample(ASSESSED_PARTIES, 3)
        appendix = AppendixSpec(
            "Appendix A",
            "User Security Assessments – Identified Non-Compliances",
            [
                f"{b.orgs[key].name}: {kind} User Security Assessment; status set to "
                f"{status}; {b.num(1, 4)} medium and {b.num(0, 2)} minor non-compliances, "
                f"remediation due by {_add_months(date, b.num(2, 5)):%B %Y}."
                for key, kind, status in zip(
                    parties,
                    ("Full", "Verification", "Follow-up"),
                    ("Approved subject to caveats", "Compliance with caveats", "Approved subject to caveats"),
                    strict=True,
                )
            ],
            ("@panel",),
            "ben",
        )
    items.append(
        Item(
            "SEC Panel Sub-Committee Report",
            DECISION,
            "hannah",
            Doc(
                f"SEC Panel Sub-Committee Report – {last_month}",
                f"Highlights from the Sub-Committees in {last_month}. TABASC "
                f"{b.pick(TABASC_HIGHLIGHTS)}; TAG "
                f"{b.pick(TAG_HIGHLIGHTS).format(release=release)}; OPSG {b.pick(OPSG_HIGHLIGHTS)}. "
                f"The SSC set the assurance status of {assessed} Users after User Security "
                "Assessments"
                + (" (details in the RED Appendix A)" if with_appendix else "")
                + f"; the SMKI PMA {b.pick(SMKI_HIGHLIGHTS)}; the SMDA Sub-Committee "
                f"{b.pick(SMDA_HIGHLIGHTS)}.",
                [
                    f"OPSG asks the Panel to endorse its concern about {b.pick(OPSG_CONCERNS)}, which "
                    "the DCC has been asked to address in its next Service Improvement Plan."
                ],
                ["NOTE the contents of this report.", "ENDORSE the concerns raised by OPSG."],
                appendix=appendix,
            ),
        )
    )
    items.append(
        Item(
            "Operations Report",
            INFORMATION,
            "rachel",
            Doc(
                f"Operations Report – {last_month}",
                f"SECAS operational activity in {last_month}: {b.num(1, 4)} Parties completed the "
                f"User Entry Process, {b.num(0, 3)} organisations acceded to the SEC and SECAS "
                f"answered {b.num(60, 140)} enquiries in an average of {b.num(2, 4)} Working Days.",
                ["Website availability was 99.9%; the Party Details register was refreshed."],
            ),
        )
    )
    below = b.num(1, 5)
    items.append(
        Item(
            f"DCC Performance Measurement Report – {last_month}",
            INFORMATION,
            "mark",
            Doc(
                f"DCC Performance Measurement Report – {last_month}",
                f"{below} of the Code Performance Measures were below the Target Service Level in "
                f"{last_month}, mainly Service Request response times during the incident that "
                f"followed {b.pick(INCIDENT_CAUSES)}.",
                ["The DCC expects all measures to return to target next month."],
                classification=GREEN,
                author="DCC",
            ),
        )
    )
    if date.month in (3, 6, 9, 12):
        items.append(
            Item(
                "SEC Panel Risk and Issues Register",
                DECISION,
                "imran",
                Doc(
                    "SEC Panel Risk and Issues Register – quarterly review",
                    f"Quarterly review of the Panel's risks and issues: {b.num(11, 16)} open risks, "
                    f"{b.num(1, 3)} rated red. SECAS proposes closing {b.num(1, 3)} risks and adding "
                    f"a new risk on {b.pick(NEW_RISKS)}.",
                    ["Mitigations and owners are listed for each red risk."],
                    ["AGREE the proposed changes to the register."],
                    classification=AMBER,
                ),
                classification=AMBER,
            )
        )
    if offset % 4 == 1:
        items.append(
            Item(
                "DCC Operational Performance Regime – confidential update",
                DISCUSSION,
                "richard",
                Doc(
                    "DCC Operational Performance Regime – confidential update",
                    f"Commercially sensitive update on the DCC's performance incentive for the "
                    f"{_regulatory_year(date)}/{(_regulatory_year(date) + 1) % 100:02d} Regulatory "
                    "Year and the measures the DCC proposes to reweight.",
                    ["Not for circulation beyond Panel Members and SECAS."],
                    classification=AMBER,
                    author="DCC",
                ),
                classification=AMBER,
            )
        )
    if date.month in (1, 4, 7, 10):
        items.append(
            Item(
                "Consumer Insight Update",
                DISCUSSION,
                "eleanor",
                Doc(
                    "Consumer Insight Update",
                    f"Citizens Advice reports on {b.num(300, 900)} smart metering cases from the "
                    "last quarter, most about prepayment top-ups not reaching meters and "
                    "in-home displays losing connection after a change of supplier.",
                    ["Citizens Advice suggests the Panel asks OPSG to track top-up failures."],
                    ["DISCUSS the findings.", "NOTE the suggested follow-up."],
                    author="Citizens Advice",
                ),
            )
        )
    items.append(Item("Ofgem and DESNZ Update", INFORMATION, "samuel"))
    items.append(b.aob("margaret"))
    return items


def _panel_month_items(b: _Builder, ctx: Ctx) -> list[Item]:
    date = ctx.date
    year, month = date.year, date.month
    ry = _regulatory_year(date) + (1 if month < 4 else 0)
    ry_label = f"{ry}/{(ry + 1) % 100:02d} to {ry + 2}/{(ry + 3) % 100:02d}"
    items = []
    if month == 1:
        items.append(
            Item(
                "Draft SEC Panel Budget",
                DECISION,
                "victoria",
                Doc(
                    f"Draft SEC Panel Budget {ry_label}",
                    f"The draft budget for the three Regulatory Years from April {ry}. The total "
                    f"for {ry}/{(ry + 1) % 100:02d} is £{b.num(18, 24)}.{b.num(1, 9)}m, "
                    f"{b.num(2, 6)}% above the current Approved Budget, mainly for more User "
                    "Security Assessments and the SMDA scheme.",
                    ["The four cost categories are shown separately with the changes explained."],
                    ["APPROVE the draft budget for consultation with SEC Parties."],
                    classification=GREEN,
                ),
            )
        )
    elif month == 2:
        items.append(
            Item(
                "SEC Panel Budget – consultation responses",
                DECISION,
                "victoria",
                Doc(
                    "SEC Panel Budget – consultation responses",
                    f"{b.num(5, 12)} Parties responded to the draft budget consultation; most "
                    "supported it, two asked for more detail on assurance costs.",
                    recommendations=["AGREE the changes proposed in response."],
                ),
            )
        )
    elif month == 3:
        items.append(
            Item(
                "Approved Budget",
                DECISION,
                "victoria",
                Doc(
                    f"SEC Panel Approved Budget {ry_label}",
                    "The final budget after consultation, to become the Approved Budget from 1 April.",
                    recommendations=["APPROVE the budget for publication."],
                ),
            )
        )
    elif month == 4:
        appendix = None
        if (b.today - date).days < 366:
            appendix = AppendixSpec(
                "Appendix B",
                "Records system privileged access review",
                [
                    "Accounts with administrator rights were reviewed against the joiners and "
                    "leavers list; two dormant accounts were disabled.",
                    "Administrator sign-ins outside office hours were checked; none were unexplained.",
                ],
                ("victoria",),
                "stuart",
            )
        items.append(
            Item(
                "Panel Information Policy – annual review",
                DECISION,
                "hannah",
                Doc(
                    "Panel Information Policy – annual review",
                    "Proposed updates to the Panel Information Policy: clearer examples for each "
                    "classification, and named recipients recorded for every RED paper.",
                    ["The handling rules for AMBER papers are unchanged."],
                    ["APPROVE the updated Panel Information Policy."],
                    appendix=appendix,
                ),
            )
        )
    elif month == 5:
        items.append(
            Item(
                "Sub-Committee Terms of Reference – annual review",
                DECISION,
                "hannah",
                Doc(
                    "Sub-Committee Terms of Reference – annual review",
                    "Each Sub-Committee has reviewed its Terms of Reference; TABASC and OPSG propose "
                    "minor changes to quorum wording.",
                    recommendations=["APPROVE the revised Terms of Reference."],
                ),
            )
        )
    elif month in (6, 11):
        items.append(
            Item(
                f"{date:%B %Y} SEC Release – implementation readiness",
                DECISION,
                "richard",
                Doc(
                    f"{date:%B %Y} SEC Release – implementation readiness",
                    f"The DCC and SECAS report that testing for the {date:%B %Y} SEC Release is "
                    f"complete with {b.num(0, 2)} open low-severity issues.",
                    recommendations=["AGREE that the release goes ahead as planned."],
                    author="DCC",
                ),
            )
        )
    elif month == 7:
        items.append(
            Item(
                "SECAS annual performance review",
                DISCUSSION,
                "victoria",
                Doc(
                    "SECAS annual performance review",
                    "Confidential review of SECAS performance against its contract measures for the "
                    "last year, with Panel Members' feedback.",
                    classification=AMBER,
                ),
                classification=AMBER,
            )
        )
    elif month == 8:
        items.append(
            Item(
                f"Panel elections {year} – timetable and nominations",
                INFORMATION,
                "hannah",
                Doc(
                    f"Panel elections {year}",
                    "Nominations open for the seats whose terms end on 30 September: one Large "
                    "Supplier, one Small Supplier, Gas Network and one Other SEC Party seat.",
                ),
            )
        )
    elif month == 9:
        items.append(
            Item(
                f"Panel priorities for {year + 1}",
                DISCUSSION,
                "margaret",
                Doc(
                    f"Panel priorities for {year + 1}",
                    "Outputs of the Panel's strategy session: simpler modification paths, better "
                    "DCC reporting and earlier sight of security risks.",
                    recommendations=["DISCUSS and AGREE the priorities."],
                ),
            )
        )
    elif month == 10:
        items.append(
            Item(
                f"Panel elections {year} – results",
                INFORMATION,
                "hannah",
                Doc(
                    f"Panel elections {year} – results",
                    "Results of the annual election; new terms began on 1 October.",
                    recommendations=["NOTE the results and welcome the new Panel Members."],
                ),
            )
        )
    elif month == 12:
        items.append(
            Item(
                f"SEC Release schedule for {year + 1}",
                DECISION,
                "oliver",
                Doc(
                    f"SEC Release schedule for {year + 1}",
                    f"Proposed February, June and November {year + 1} SEC Releases and their scope cut-off dates.",
                    recommendations=["APPROVE the schedule."],
                ),
            )
        )
    chair = b.seats["panel"][0]
    if ctx.slot.offset == 29 - 6 and chair.end_date:
        items.append(
            Item(
                "Independent Panel Chair – recruitment",
                DECISION,
                "victoria",
                Doc(
                    "Independent Panel Chair – recruitment shortlist",
                    f"The current Chair's term ends on {_long(chair.end_date)}. Candidate shortlist "
                    "and interview arrangements.",
                    ["Personal data: named recipients only."],
                    ["AGREE the shortlist and interview panel."],
                    classification=RED,
                ),
                classification=RED,
                recipients=("victoria",),
            )
        )
    return items


def _ssc(b: _Builder, ctx: Ctx) -> list[Item]:
    first = ctx.slot.nth == 0
    last_month = ctx.last_month
    items = [b.minutes_item(ctx, "alan", GREEN)]
    if first:
        count = b.num(3, 9)
        items.append(
            Item(
                "User Security Assessments – assurance and compliance status",
                DECISION,
                "ben",
                Doc(
                    "User Security Assessments – assurance and compliance status",
                    f"The SSC is asked to set the status of {count} Users after their User Security "
                    f"Assessments; {b.num(1, count)} found medium non-compliances, each with a "
                    "remediation plan.",
                    recommendations=["SET the assurance or compliance status for each User."],
                    classification=AMBER,
                ),
                classification=AMBER,
            )
        )
        topic = b.pick(SCF_TOPICS)
        items.append(
            Item(
                "Security Controls Framework and Agreed Interpretations",
                DECISION,
                "ben",
                Doc(
                    "Security Controls Framework and Agreed Interpretations",
                    f"{b.num(1, 3)} new Agreed Interpretations, on {topic}, and the matching "
                    "changes to the Security Controls Framework.",
                    recommendations=["APPROVE the Agreed Interpretations for publication."],
                ),
            )
        )
        items.append(
            Item(
                "Anomaly Detection Thresholds Report",
                INFORMATION,
                "neil",
                Doc(
                    f"Anomaly Detection Thresholds Report – {last_month}",
                    f"{b.num(2, 12)} threshold breaches in {last_month}, all investigated; none "
                    "indicated a compromise. The DCC proposes new thresholds for two Service "
                    "Requests.",
                    classification=AMBER,
                    author="DCC",
                ),
                classification=AMBER,
            )
        )
        if ctx.slot.offset % 2 == 0:
            party = b.orgs[b.pick(ASSESSED_PARTIES)]
            items.append(
                Item(
                    f"User Security Assessment follow-up – {party.short_name}",
                    DECISION,
                    "ben",
                    Doc(
                        f"User Security Assessment follow-up – {party.name}",
                        f"{party.name} has not closed two non-compliances by the agreed date. Options "
                        "for the SSC, including a Director's Letter request.",
                        ["Contains details of security weaknesses: named recipients only."],
                        ["AGREE the next step."],
                        classification=RED,
                    ),
                    classification=RED,
                    recipients=("@ssc",),
                )
            )
    else:
        items.append(
            Item(
                "Director's Letters",
                DECISION,
                "ben",
                Doc(
                    "Director's Letters received",
                    f"{b.num(2, 8)} Director's Letters were received in {last_month}: after changes "
                    "to User Systems, changes of control and new Shared Resource arrangements.",
                    recommendations=["NOTE the letters and AGREE any follow-up assessments."],
                    classification=AMBER,
                ),
                classification=AMBER,
            )
        )
        items.append(
            Item(
                "CPA Monitoring Report",
                INFORMATION,
                "ben",
                Doc(
                    "CPA Monitoring Report",
                    f"{b.num(5, 15)} CPA certificates expire within six months; {b.num(1, 4)} Devices "
                    "are being re-evaluated.",
                    classification=GREEN,
                ),
            )
        )
        items.append(
            Item(
                "Post-Commissioning Report",
                INFORMATION,
                "neil",
                Doc(
                    f"Post-Commissioning Report – {last_month}",
                    f"{b.num(20, 90)} Devices failed post-commissioning checks in {last_month}; the "
                    "responsible Suppliers have been notified.",
                    classification=GREEN,
                    author="DCC",
                ),
            )
        )
        if ctx.slot.offset == 23:
            items.append(
                Item(
                    "Director's Letters – summary for publication",
                    INFORMATION,
                    "ben",
                    Doc(
                        "Director's Letters – summary for publication",
                        "Anonymised summary of Director's Letters received this year, for the SEC website.",
                        appendix=AppendixSpec(
                            "Appendix B",
                            "Director's Letter – Fenwick & Hale Energy Ltd: remediation plan accepted",
                            [
                                "The SSC accepted the remediation plan in the Director's Letter of "
                                f"{_long(ctx.date.replace(day=2))}.",
                                "Follow-up verification assessment to be booked within three months.",
                            ],
                            ("zara", "alan"),
                            "ben",
                        ),
                    ),
                )
            )
    if ctx.date.month in (1, 4, 7, 10) and first:
        items.append(
            Item(
                "Security Risk Register – quarterly review",
                DECISION,
                "ben",
                Doc(
                    "Security Risk Register – quarterly review",
                    f"{b.num(18, 30)} security risks reviewed; two re-rated after the latest threat assessment.",
                    classification=AMBER,
                ),
                classification=AMBER,
            )
        )
    if ctx.date.month in (2, 5, 8, 11) and not first:
        items.append(
            Item(
                "Standards Review – quarterly",
                INFORMATION,
                "ben",
                Doc(
                    "Standards Review – quarterly",
                    "Changes to the external standards the SEC refers to, and whether the SEC needs updating.",
                ),
            )
        )
    items.append(b.aob("alan"))
    return items


def _smki(b: _Builder, ctx: Ctx) -> list[Item]:
    items = [b.minutes_item(ctx, "alan", GREEN)]
    if ctx.date.month in (3, 9):
        items.append(
            Item(
                "SMKI Assurance Status – t-Scheme audit outcome",
                DECISION,
                "ruth",
                Doc(
                    "SMKI Assurance Status – t-Scheme audit outcome",
                    "Outcome of the independent audit of the SMKI services and the SMKI Specialist's "
                    "recommendation on the Assurance Status.",
                    classification=AMBER,
                    author="SMKI Specialist",
                ),
                classification=AMBER,
            )
        )
    items.append(
        Item(
            "Certificate Policy and CPS change requests",
            DECISION,
            "neil",
            Doc(
                "Certificate Policy and CPS change requests",
                f"{b.num(1, 3)} proposed changes to the Certification Practice Statements, mostly "
                "clarifications of certificate renewal timings.",
                recommendations=["APPROVE the changes."],
                author="DCC",
            ),
        )
    )
    if ctx.slot.offset % 2:
        items.append(
            Item(
                "SMKI Recovery testing update",
                INFORMATION,
                "neil",
                Doc(
                    "SMKI Recovery testing update",
                    "Results of the latest recovery rehearsal; all steps completed within the target times.",
                    classification=GREEN,
                    author="DCC",
                ),
            )
        )
    else:
        items.append(
            Item(
                "Key Custodian arrangements",
                DECISION,
                "ben",
                Doc(
                    "Key Custodian arrangements",
                    "Changes to the named Key Custodians and the rota for the next key ceremony.",
                    classification=AMBER,
                ),
                classification=AMBER,
            )
        )
    if ctx.date.month in (1, 4, 7, 10):
        items.append(
            Item(
                "SMKI PMA Work Package for the SECCo Board",
                DECISION,
                "ben",
                Doc(
                    "SMKI PMA Work Package",
                    "Planned work and SMKI Specialist days for next quarter, for recommendation to the SECCo Board.",
                    recommendations=["RECOMMEND the Work Package to the SECCo Board."],
                ),
            )
        )
    items.append(b.aob("alan"))
    return items


def _tabasc(b: _Builder, ctx: Ctx) -> list[Item]:
    mods = b.mods(ctx, 3, shift=1)
    items = [b.minutes_item(ctx, "paul")]
    items.append(
        Item(
            "Modifications – technical review",
            DISCUSSION,
            "chloe",
            Doc(
                "Modifications – technical review",
                "Technical impact of " + ", ".join(f"{m[0]} ({m[1]})" for m in mods) + ".",
                [f"{mods[0][0]} may need changes to the Technical Architecture Document."],
            ),
        )
    )
    if ctx.slot.offset % 2:
        items.append(
            Item(
                "Business Architecture Document – proposed changes",
                DECISION,
                "amelia",
                Doc(
                    "Business Architecture Document – proposed changes",
                    f"{b.num(2, 6)} changes to the Business Architecture Document to reflect the "
                    f"{_next_release(ctx.date)} SEC Release.",
                    recommendations=["APPROVE the changes."],
                ),
            )
        )
    else:
        items.append(
            Item(
                "Technical Architecture Document – review",
                DECISION,
                "lena",
                Doc(
                    "Technical Architecture Document – review",
                    "Updates for the 4G Communications Hub and the new Data Service Provider interfaces.",
                    recommendations=["APPROVE the updated document."],
                    author="DCC",
                ),
            )
        )
    items.append(
        Item(
            "DCC Network Evolution update",
            INFORMATION,
            "lena",
            Doc(
                "DCC Network Evolution update",
                f"Progress on {b.pick(DCC_PROGRAMMES)} and the design decisions coming to TABASC.",
                classification=GREEN,
                author="DCC",
            ),
        )
    )
    if ctx.date.month in (2, 5, 8, 11):
        items.append(
            Item(
                "TABASC Risk Register and Issues Log",
                DECISION,
                "chloe",
                Doc(
                    "TABASC Risk Register and Issues Log",
                    f"{b.num(6, 12)} open risks; {b.num(1, 2)} proposed for closure.",
                    classification=AMBER,
                ),
                classification=AMBER,
            )
        )
    items.append(b.aob("paul"))
    return items


def _tag(b: _Builder, ctx: Ctx) -> list[Item]:
    release = _next_release(ctx.date)
    items = [b.minutes_item(ctx, "diane")]
    if ctx.date.month in (1, 5, 10):
        items.append(
            Item(
                f"Test Completion Report – {release} SEC Release",
                DECISION,
                "grace",
                Doc(
                    f"Test Completion Report – {release} SEC Release",
                    f"Systems Integration Testing is complete with {b.num(0, 3)} open Testing "
                    "Issues, none above severity 3.",
                    recommendations=["AGREE that testing is complete."],
                    classification=GREEN,
                    author="DCC",
                ),
            )
        )
    else:
        items.append(
            Item(
                "Testing Issues – severity review",
                DECISION,
                "grace",
                Doc(
                    "Testing Issues – severity review",
                    f"{b.num(2, 9)} open Testing Issues with proposed severities.",
                    recommendations=["AGREE the severities."],
                    author="DCC",
                ),
            )
        )
    items.append(
        Item(
            f"Testing Approach Document – {release} SEC Release",
            DECISION,
            "grace",
            Doc(
                f"Testing Approach Document – {release} SEC Release",
                f"The DCC's approach to testing the {release} SEC Release, after consultation.",
                recommendations=["APPROVE the Testing Approach Document."],
                author="DCC",
            ),
        )
    )
    items.append(
        Item(
            "Live Service Criteria – status",
            INFORMATION,
            "diane",
            Doc(
                "Live Service Criteria – status",
                "Red, amber and green status of each Live Service Criterion; regression testing "
                "and functional testing are Green.",
            ),
        )
    )
    items.append(b.aob("diane"))
    return items


def _opsg(b: _Builder, ctx: Ctx) -> list[Item]:
    last_month = ctx.last_month
    items = [b.minutes_item(ctx, "jennifer")]
    items.append(
        Item(
            f"DCC Performance Measurement Report – {last_month}",
            INFORMATION,
            "mark",
            Doc(
                f"DCC Performance Measurement Report – {last_month} (OPSG review)",
                f"{b.num(1, 5)} Code Performance Measures below target in {last_month}.",
                classification=GREEN,
                author="DCC",
            ),
        )
    )
    items.append(
        Item(
            "Major Incident reviews",
            DISCUSSION,
            "mark",
            Doc(
                "Major Incident reviews",
                f"Root-cause review of the incident that followed {b.pick(INCIDENT_CAUSES)}, and "
                "the DCC's corrective actions.",
                classification=AMBER,
                author="DCC",
            ),
            classification=AMBER,
        )
    )
    if ctx.slot.offset % 2:
        items.append(
            Item(
                "Communications Hub performance and Service Improvement Plans",
                INFORMATION,
                "mark",
                Doc(
                    "Communications Hub performance",
                    f"First-time install success was {b.num(91, 97)}% in {last_month}; the north "
                    "region Service Improvement Plan is on track.",
                    author="DCC",
                ),
            )
        )
    else:
        items.append(
            Item(
                "Planned maintenance schedule",
                INFORMATION,
                "mark",
                Doc(
                    "Planned maintenance schedule",
                    "Planned maintenance windows for the next three months, with the dates moved "
                    "away from month end at OPSG's request.",
                    author="DCC",
                ),
            )
        )
    items.append(b.aob("jennifer"))
    return items


def _smda(b: _Builder, ctx: Ctx) -> list[Item]:
    items = [b.minutes_item(ctx, "philip")]
    items.append(
        Item(
            "Device Assurance Register update",
            INFORMATION,
            "frances",
            Doc(
                "Device Assurance Register update",
                f"{b.num(1, 5)} Device models completed assurance testing and were added to the "
                "Device Assurance Register.",
                author="Brackenridge Assurance Services",
            ),
        )
    )
    items.append(
        Item(
            "Partial Assurance – rectification plans",
            DECISION,
            "frances",
            Doc(
                "Partial Assurance – rectification plans",
                f"Six-monthly review of {b.num(2, 4)} rectification plans for Devices with Partial Assurance.",
                recommendations=["AGREE the revised plans."],
                classification=GREEN,
                author="Brackenridge Assurance Services",
            ),
        )
    )
    if ctx.date.month in (3, 6, 9, 12):
        items.append(
            Item(
                "Test House performance and contract",
                DISCUSSION,
                "chloe",
                Doc(
                    "Test House performance and contract",
                    "Quarterly performance of the Test House against its service levels, and "
                    "options for the contract renewal.",
                    classification=AMBER,
                ),
                classification=AMBER,
            )
        )
    items.append(b.aob("philip"))
    return items


def _change_board(b: _Builder, ctx: Ctx) -> list[Item]:
    items = [b.minutes_item(ctx, "oliver")]
    for mod, title, raiser, what in b.mods(ctx, 2, shift=6):
        items.append(
            Item(
                f"{mod} '{title}' – Modification Report and vote",
                DECISION,
                "megan",
                Doc(
                    f"{mod} Modification Report",
                    f"{mod}, raised by {b.orgs[raiser].name}, would {what}. The Modification Report "
                    f"Consultation received {b.num(4, 11)} responses, {b.num(3, 4)} of them in "
                    "favour.",
                    ["Change Board Members vote by Party Category."],
                    [f"VOTE on whether to approve {mod}."],
                ),
            )
        )
    items.append(
        Item(
            "Authority decisions and implementation dates",
            INFORMATION,
            "oliver",
            Doc(
                "Authority decisions and implementation dates",
                "Decisions received from Ofgem since the last meeting and the implementation dates "
                "of approved modifications.",
            ),
        )
    )
    items.append(b.aob("oliver"))
    return items


def _mwg(b: _Builder, ctx: Ctx) -> list[Item]:
    first, second = b.mods(ctx, 2, shift=2)
    return [
        Item(
            "Summary of the last meeting and actions",
            INFORMATION,
            "megan",
            Doc("Working Group meeting summary", "Summary and actions of the last meeting."),
        ),
        Item(
            f"{first[0]} – solution options",
            DISCUSSION,
            "oliver",
            Doc(f"{first[0]} – solution options", f"Options to {first[3]}, with costs and risks of each."),
        ),
        Item(
            f"{second[0]} – draft legal text",
            DISCUSSION,
            "megan",
            Doc(f"{second[0]} – draft legal text", f"First draft of the legal text for {second[0]} ({second[1]})."),
        ),
        b.aob("oliver"),
    ]


def _drwg(b: _Builder, ctx: Ctx) -> list[Item]:
    topic = b.pick(
        (
            "Service Request latency",
            "Communications Hub installs",
            "incident reporting",
            "alert volumes",
            "SMKI certificate issuance",
        )
    )
    return [
        Item(
            "Workplan and progress",
            DISCUSSION,
            "rachel",
            Doc(
                "DCC reporting review – workplan and progress",
                f"Progress against the workplan; the group expects to report to the Panel in {b.month(19):%B %Y}.",
            ),
        ),
        Item(
            f"Metric definitions: {topic}",
            DISCUSSION,
            "mark",
            Doc(
                f"Metric definitions: {topic}",
                f"Proposed definitions for {topic} measures and how they would be reported.",
                author="DCC",
            ),
        ),
        b.aob("rachel"),
    ]


def _panel_ad_hoc(b: _Builder, ctx: Ctx) -> list[Item]:
    mod = MODS[(ctx.slot.offset + 5) % len(MODS)][0]
    return [
        Item(
            f"Urgent Modification Proposal {mod}U – Communications Hub firmware rollback",
            DECISION,
            "oliver",
            Doc(
                f"Urgent Modification Proposal {mod}U",
                "A firmware release has left some Communications Hubs unable to join the "
                "home area network. The Proposer asks for urgent treatment so that the DCC can "
                "roll the firmware back without the usual notice period.",
                ["Ofgem's agreement is needed for urgent treatment."],
                ["AGREE to ask Ofgem to treat the proposal as urgent.", "AGREE the proposed timetable."],
                always=True,
            ),
        ),
        Item("Ofgem view on urgency", INFORMATION, "samuel"),
    ]


def _ssc_ad_hoc(b: _Builder, ctx: Ctx) -> list[Item]:
    return [
        Item(
            "HAN device vulnerability notification",
            DECISION,
            "neil",
            Doc(
                "HAN device vulnerability notification",
                "A manufacturer has reported a vulnerability in a home area network device "
                "model. Proposed handling and communications to Parties.",
                recommendations=["AGREE the handling plan."],
                classification=AMBER,
                author="DCC",
                always=True,
            ),
            classification=AMBER,
        ),
        Item(
            "Affected installations by Supplier",
            DECISION,
            "ben",
            Doc(
                "Affected installations by Supplier",
                "Number of affected installations for each Supplier and proposed deadlines.",
                recommendations=["AGREE the deadlines."],
                classification=RED,
                always=True,
            ),
            classification=RED,
            recipients=("@ssc",),
        ),
    ]


AGENDAS: dict[str, Callable[[_Builder, Ctx], list[Item]]] = {
    "panel": _panel,
    "change-board": _change_board,
    "ssc": _ssc,
    "smki-pma": _smki,
    "tabasc": _tabasc,
    "tag": _tag,
    "opsg": _opsg,
    "smda": _smda,
    "mwg": _mwg,
    "drwg": _drwg,
}
AD_HOC_AGENDAS: dict[str, Callable[[_Builder, Ctx], list[Item]]] = {
    "panel": _panel_ad_hoc,
    "ssc": _ssc_ad_hoc,
}
