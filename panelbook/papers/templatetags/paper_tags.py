"""Build a paper's blocks from a report object inside a template, for the includes of other pages."""

from django import template

from panelbook.actions.reports import ActionsTables, MinutesReport
from panelbook.papers.document import Paper, actions_paper, minutes_paper

register = template.Library()


@register.simple_tag
def actions_outstanding_paper(tables: ActionsTables) -> Paper:
    return actions_paper(tables)


@register.simple_tag
def minutes_as_paper(report: MinutesReport) -> Paper:
    return minutes_paper(report)
