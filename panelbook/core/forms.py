"""Form pieces shared by every app."""

from django import forms


class VerbValidates:
    """For ModelForms whose data is written by a service verb: the verb runs the model's
    validation (and reports it on the fields), so the form only checks the input."""

    def _post_clean(self):
        pass


class TokenNameForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        help_text="What the token is for, e.g. “minutes script on the secretariat laptop”.",
        error_messages={
            "required": "Give the token a name that says what it is for.",
            "max_length": "The name of a token can be at most 100 characters long.",
        },
    )
