"""The budget API: the budgets (public), their versions with their amounts and each quarter's
spend, through ``visible_to(caller)``."""

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from ninja import Field, Router, Schema

from panelbook.budget.models import Budget, BudgetVersion, Spend
from panelbook.core.api import ClassificationValue, Input, list_endpoint
from panelbook.core.auth import read_auth

router = Router(auth=read_auth)


class BudgetOut(Schema):
    id: int
    body: str = Field(alias="body.code")
    title: str
    first_year: int = Field(description="The first Regulatory Year, by the year of its 1 April.")
    years: list[int]
    publication_working_days: int


@list_endpoint(router, "/budgets", BudgetOut, tags=["Budget"], summary="List budgets", order=("-first_year",))
def list_budgets(user) -> QuerySet:
    """Every budget (public: the amounts are in its versions, each at its own level)."""
    return Budget.objects.filter(is_void=False).select_related("body")


class BudgetLineOut(Schema):
    year: int
    category: str = Field(alias="category.name")
    amount: Decimal


class VersionOut(Schema):
    id: int
    budget: str = Field(alias="budget.title")
    first_year: int = Field(alias="budget.first_year")
    number: int
    stage: str
    consulted_on: dt.date | None
    approved_on: dt.date | None
    publish_by: dt.date | None
    classification: ClassificationValue
    lines: list[BudgetLineOut]


class VersionFilters(Input):
    budget: int | None = Field(None, ge=2000, le=2200, description="Only this budget's versions (its first year).")
    stage: str | None = Field(None, max_length=10, description="DRAFT, CONSULTED, APPROVED or SUPERSEDED.")


@list_endpoint(
    router,
    "/budgets/versions",
    VersionOut,
    tags=["Budget"],
    summary="List budget versions",
    filters=VersionFilters,
    order=("budget__first_year", "number"),
)
def list_versions(user) -> QuerySet:
    """The versions the caller may see, with their amounts by year and cost category."""
    return (
        BudgetVersion.objects.visible_to(user)
        .in_force()
        .select_related("budget__body")
        .prefetch_related("lines__category")
    )


class SpendOut(Schema):
    id: int
    budget: str = Field(alias="budget.title")
    year: int
    quarter: int
    category: str = Field(alias="category.name")
    amount: Decimal
    classification: ClassificationValue


class SpendFilters(Input):
    budget: int | None = Field(None, ge=2000, le=2200, description="Only this budget's spend (its first year).")
    year: int | None = Field(None, ge=2000, le=2200, description="Only this Regulatory Year.")


@list_endpoint(
    router,
    "/budgets/spend",
    SpendOut,
    tags=["Budget"],
    summary="List the spend by quarter",
    filters=SpendFilters,
    order=("budget__first_year", "year", "quarter", "category__position"),
)
def list_spend(user) -> QuerySet:
    """Each quarter's spend by cost category, of what the caller may see."""
    return Spend.objects.visible_to(user).in_force().select_related("budget__body", "category")
