from django.db import models


class Row(models.Model):
    title = models.CharField(max_length=200)
    owner = models.CharField(max_length=100)
    recorded_on = models.DateField(db_index=True)

    def __str__(self) -> str:
        return self.title
