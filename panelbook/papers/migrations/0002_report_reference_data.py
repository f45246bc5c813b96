"""The usual structure of the SEC Panel Sub-Committee Report, the items it leaves out, and a
classification sentence per level: reference data the secretariat edits in the admin (the
domain reference gives the structure as observed; the sentences are ours until the secretariat
puts in the Panel Information Policy's own words)."""

from django.db import migrations

SECTIONS = [
    (1, "Technical Operations", "tabasc tag opsg", False, "opsg"),
    (2, "Security Sub-Committee and SMKI PMA", "ssc smki-pma", True, ""),
    (3, "SMDA Sub-Committee", "smda", False, ""),
]
OMISSIONS = ["Minutes and Actions Outstanding", "Any Other Business", "AOB", "Next Meeting", "Welcome", "Apologies"]
BANNERS = {
    "WHITE": "WHITE under the Panel Information Policy: this paper may be shared with anyone and published, "
    "subject to copyright.",
    "GREEN": "GREEN under the Panel Information Policy: this paper may be shared within the SEC community, "
    "but not published.",
    "AMBER": "AMBER under the Panel Information Policy: this paper is for the members of the body it is "
    "addressed to and those they need to consult, and is not to be shared further.",
    "RED": "RED under the Panel Information Policy: this paper is for its named recipients only and is "
    "not to be shared or copied.",
}


def seed(apps, schema_editor):
    section = apps.get_model("papers", "ReportSection")
    for position, title, codes, with_assurance, service in SECTIONS:
        section.objects.get_or_create(
            position=position,
            defaults={
                "title": title,
                "body_codes": codes,
                "with_assurance": with_assurance,
                "service_body_code": service,
            },
        )
    omission = apps.get_model("papers", "ReportOmission")
    for start in OMISSIONS:
        omission.objects.get_or_create(title_starts_with=start)
    banner = apps.get_model("papers", "ClassificationBanner")
    for level, text in BANNERS.items():
        banner.objects.get_or_create(level=level, defaults={"text": f"This document is classified {text}"})


class Migration(migrations.Migration):
    dependencies = [("papers", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
