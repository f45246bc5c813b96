"""Reference data the administrators keep for the register: the Change Board's voting rules and
the DCC's standard assessment timescales and the referral period after a Self-Governance decision.

Modifications themselves are not here: they carry classifications and change only through the
register's pages and API, which go through the gate and the service verbs.
"""

from django.contrib import admin

from panelbook.governance.admin import NoDeleteAdmin
from panelbook.modifications.models import AssessmentTimescale, ReferralPeriod, VotingRule


@admin.register(VotingRule)
class VotingRuleAdmin(NoDeleteAdmin):
    list_display = ("name", "effective_from", "share", "quorum", "abstain_counts")


@admin.register(AssessmentTimescale)
class AssessmentTimescaleAdmin(NoDeleteAdmin):
    list_display = ("kind", "working_days", "effective_from", "source")


@admin.register(ReferralPeriod)
class ReferralPeriodAdmin(NoDeleteAdmin):
    list_display = ("working_days", "effective_from", "source")
