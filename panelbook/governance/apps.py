from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models import QuerySet
from django.utils import timezone


class GovernanceConfig(AppConfig):
    name = "panelbook.governance"
    label = "governance"
    verbose_name = "Governance calendar"

    def member_body_ids(self, user: Any) -> QuerySet:
        """The gate's AMBER rule (``core.classification``): ids of the bodies where the user's
        person holds a current membership, as a subquery."""
        from panelbook.governance.models import Membership  # models load after the app configs

        return Membership.objects.current(on=timezone.localdate()).filter(person__user=user).values("body_id")
