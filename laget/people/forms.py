from django import forms
from django.utils.translation import gettext_lazy as _

from laget.people.models import Person


class PersonForm(forms.ModelForm):
    birth_year = forms.IntegerField(label=_("Fødselsår"), required=False, min_value=1940, max_value=2010)

    class Meta:
        model = Person
        fields = ["given_name", "family_name", "email", "birth_year"]
