"""The User Roles of SEC Section H and the steps of the User Entry Process (H1), as reference data
the administrators may edit: the domain reference leaves several definitions unconfirmed."""

from django.db import migrations

ROLES = [
    ("import-supplier", "Import Supplier", "The Supplier Party registered for the Import MPAN of a Smart Metering System."),
    ("export-supplier", "Export Supplier", "The Supplier Party registered for the Export MPAN."),
    ("gas-supplier", "Gas Supplier", "The Supplier registered for the gas meter point."),
    ("electricity-distributor", "Electricity Distributor", "The electricity network operator role."),
    ("gas-transporter", "Gas Transporter", "The gas network operator role."),
    ("other-user", "Other User", "A User not acting in any other User Role."),
    ("registered-supplier-agent", "Registered Supplier Agent", "An agent, such as a meter operator, acting for the registered supplier."),
]
STEPS = [
    "Initial Full User Security Assessment with an approved assurance status (H1.10)",
    "User Entry Process Tests passed",
    "SMKI and Repository Entry Process Tests passed",
    "Evidence accepted and completion reported to the Panel (H1.12)",
]


def add(apps, schema_editor):
    UserRole = apps.get_model("assurance", "UserRole")
    UepStep = apps.get_model("assurance", "UepStep")
    for order, (code, name, definition) in enumerate(ROLES, start=1):
        UserRole.objects.get_or_create(code=code, defaults={"name": name, "definition": definition, "display_order": order * 10})
    for position, name in enumerate(STEPS, start=1):
        UepStep.objects.get_or_create(name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("assurance", "0001_parties_and_assessments")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
