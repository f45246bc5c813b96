"""Form pieces shared by every app."""


class VerbValidates:
    """For ModelForms whose data is written by a service verb: the verb runs the model's
    validation (and reports it on the fields), so the form only checks the input."""

    def _post_clean(self):
        pass
