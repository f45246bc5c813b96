"""django-simple-history's ``HistoricalRecords``, with each model's history manager class built once.

simple-history's descriptor makes a new manager class (``Manager.from_queryset``, which walks the
queryset class's members) every time ``record.history`` is read, and it reads it itself for every
history row it writes: about a tenth of the time of loading the demo went there. This descriptor
makes the class once, when the model is prepared; what it returns is the same manager.
"""

from __future__ import annotations

from typing import Any

from simple_history import models as simple_history
from simple_history.manager import HistoryDescriptor


class HistoricalRecords(simple_history.HistoricalRecords):
    def finalize(self, sender: Any, **kwargs: Any) -> None:
        super().finalize(sender, **kwargs)
        descriptor = sender.__dict__.get(self.manager_name)
        if type(descriptor) is HistoryDescriptor:
            setattr(sender, self.manager_name, _OneManagerClass(descriptor))


class _OneManagerClass(HistoryDescriptor):
    def __init__(self, original: HistoryDescriptor) -> None:
        super().__init__(original.model, manager=original.manager_class, queryset=original.queryset_class)
        self.combined_class = original.manager_class.from_queryset(original.queryset_class)

    def __get__(self, instance: Any, owner: Any) -> Any:
        return self.combined_class(self.model, instance)
