import pytest

from panelbook.budget import services
from panelbook.budget.models import CostCategory


@pytest.fixture
def categories(db):
    """Four cost categories of our own naming."""
    names = ["Panel and committees", "Secretariat services", "Technical advice", "Contingency"]
    return [CostCategory.objects.create(name=name, position=i) for i, name in enumerate(names)]


@pytest.fixture
def budget(world):
    return services.open_budget(by=None, body=world.panel, first_year=2025)


def amounts(categories, per_year=(100_000, 110_000, 120_000)):
    """Each category at the same amount each year: 2025/26 at per_year[0], and so on."""
    return {(2025 + i, category): value for category in categories for i, value in enumerate(per_year)}
