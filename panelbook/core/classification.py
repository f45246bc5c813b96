"""The classification gate: the one place that decides who may see a classified record.

Levels follow the Panel Information Policy's traffic-light colours:

- WHITE: everyone, including the public.
- GREEN: any signed-in user (SEC Party users, members, the secretariat).
- AMBER: current members of the record's owning body, the secretariat and administrators.
- RED: the record's named recipients only. Nobody else, whatever their role.

A record is visible only when its own level admits the user *and* every parent it hangs from
(an appendix's paper, a paper's meeting) is visible too, so hiding a meeting hides its papers.
Models describe where their owning body and parents are with a ``Gate``; ``visible_to`` on
their querysets turns that into one SQL filter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self, cast

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from panelbook.core.models import User


class Classification(models.TextChoices):
    WHITE = "WHITE", "WHITE (public)"
    GREEN = "GREEN", "GREEN (SEC Parties)"
    AMBER = "AMBER", "AMBER (body members and secretariat)"
    RED = "RED", "RED (named recipients only)"

    @classmethod
    def rank(cls, value: str) -> int:
        return [c.value for c in cls].index(value)

    @classmethod
    def up_to(cls, level: str) -> list[str]:
        """The levels a paper at ``level`` may carry: ``level`` and every less restricted one."""
        return [c.value for c in cls][: cls.rank(level) + 1]

    @classmethod
    def highest(cls, levels: Iterable[str]) -> str:
        """The most restricted of the given levels (WHITE when there are none)."""
        return max(levels, key=cls.rank, default=cls.WHITE)


@dataclass(frozen=True)
class Gate:
    """Where a classified model finds its owning body and the parents whose gate it inherits.

    ``body`` is the ORM path to the owning Body's id; ``parents`` are FK names on the model whose
    targets are classified too. A nullable parent that is empty does not restrict. A model with
    ``own_level=False`` (an uploaded file) has no level of its own and follows its parents.
    """

    body: str
    parents: tuple[str, ...] = field(default=())
    own_level: bool = True


def is_secretariat(user: User | AnonymousUser | None) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (getattr(user, "is_secretariat", False) or user.is_superuser)
    )


def member_body_ids(user: User | AnonymousUser | None) -> models.QuerySet:
    """Ids of the bodies where the user holds a current membership (a subquery), by the rule of the
    one installed app that keeps memberships: its AppConfig's ``member_body_ids(user)``."""
    rules = [rule for config in apps.get_app_configs() if (rule := getattr(config, "member_body_ids", None))]
    if len(rules) != 1:
        raise ImproperlyConfigured(
            f"The gate needs exactly one app to say who is a member of a body (member_body_ids on its "
            f"AppConfig); {len(rules)} do."
        )
    return rules[0](user)


# The bodies each user is a member of, read once per request (``remembering_memberships``).
_memberships: ContextVar[dict[tuple[int, Any], list[int]] | None] = ContextVar("memberships", default=None)


@contextmanager
def remembering_memberships() -> Iterator[None]:
    """Within the block, the gate reads each user's member bodies once and names them in its SQL
    (``body_id IN (3, 7)``) instead of a subquery in every query; any save forgets them."""
    token = _memberships.set({})
    try:
        yield
    finally:
        _memberships.reset(token)


def memberships_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Remember each user's member bodies for one request (``remembering_memberships``)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        with remembering_memberships():
            return get_response(request)

    return middleware


def _forget_memberships(**kwargs: Any) -> None:
    remembered = _memberships.get()
    if remembered:
        remembered.clear()


for _signal in (post_save, post_delete, m2m_changed):
    _signal.connect(_forget_memberships, dispatch_uid=f"gate-forgets-memberships-{_signal}")


def _member_bodies(user: Any) -> models.QuerySet | list[int]:
    """The bodies where ``user`` is a current member: a list when remembered for the request,
    else the subquery."""
    remembered = _memberships.get()
    if remembered is None:
        return member_body_ids(user)
    key = (user.pk, timezone.localdate())
    if key not in remembered:
        remembered[key] = list(member_body_ids(user).values_list("body_id", flat=True))
    return remembered[key]


def visibility_q(user: Any, model: type[models.Model], prefix: str = "", covered: set[type] | None = None) -> Q:
    """The filter that admits exactly the rows of ``model`` the user may see.

    ``prefix`` is the ORM path from the queried model to ``model`` (with a trailing ``__``),
    used when a parent's rules are applied through a join. A parent model reached twice (a
    paper's meeting directly and through its agenda item) is the same record, so it is
    checked once: ``covered`` holds the models already gated, which keeps the SQL small.
    """
    gate: Gate = model.gate  # type: ignore[attr-defined]
    covered = covered if covered is not None else {model}
    q = _level_q(user, model, prefix) if gate.own_level else Q()
    # Gate parents are foreign keys, so each names a model class (the stubs allow a string or None).
    parents = [cast(models.ForeignKey, model._meta.get_field(name)) for name in gate.parents]
    parents = [field for field in parents if field.related_model not in covered]
    covered.update(cast("type[models.Model]", field.related_model) for field in parents)
    for parent_field in parents:
        parent_model = cast("type[models.Model]", parent_field.related_model)
        parent_q = visibility_q(user, parent_model, f"{prefix}{parent_field.name}__", covered)
        if parent_field.null:
            parent_q = Q(**{f"{prefix}{parent_field.name}__isnull": True}) | parent_q
        q &= parent_q
    return q


def _level_q(user: Any, model: type[models.Model], prefix: str) -> Q:
    gate: Gate = model.gate  # type: ignore[attr-defined]
    level = f"{prefix}classification"
    q = Q(**{level: Classification.WHITE})
    if user is None or not user.is_authenticated or not user.is_active:
        return q
    q |= Q(**{level: Classification.GREEN})
    if is_secretariat(user):
        q |= Q(**{level: Classification.AMBER})
    else:
        q |= Q(**{level: Classification.AMBER, f"{prefix}{gate.body}__in": _member_bodies(user)})
    return q | (Q(**{level: Classification.RED}) & _is_named_recipient(user, model, prefix))


def _is_named_recipient(user: Any, model: type[models.Model], prefix: str) -> Q:
    through = model.recipients.through  # type: ignore[attr-defined]
    own_fk = model._meta.model_name
    outer = prefix[:-2] if prefix else "pk"
    # An Exists combines with a Q as a Q does (the stubs only allow Combinable).
    return cast(Q, Exists(through.objects.filter(**{own_fk: OuterRef(outer), "user": user})))


def visible_rows(model: type[models.Model], user: Any) -> models.QuerySet:
    """The rows of any model that ``user`` may see: the gate for a classified model, every row of
    one that carries no classification (a body, a person)."""
    manager = model._default_manager
    return manager.visible_to(user) if hasattr(manager, "visible_to") else manager.all()


def can_see(user: Any, obj: models.Model) -> bool:
    """Whether one record passes the gate (the same SQL as the list views use)."""
    return type(obj)._default_manager.visible_to(user).filter(pk=obj.pk).exists()  # type: ignore[attr-defined]


class ClassifiedQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> Self:
        return self.filter(visibility_q(user, self.model))


class Classified(models.Model):
    """A record that carries a classification and, for RED, its named recipients."""

    classification = models.CharField(max_length=5, choices=Classification.choices, default=Classification.WHITE)
    recipients = models.ManyToManyField(
        "core.User",
        blank=True,
        related_name="+",
        help_text="Named recipients: the only people who may see this record when it is RED.",
    )

    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.classification == Classification.WHITE
