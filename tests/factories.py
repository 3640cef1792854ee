"""factory_boy factories for Laget's models."""

from datetime import date
from decimal import Decimal

import factory

from laget.accounts.models import Role, RoleAssignment, User
from laget.organisations.models import Municipality, Service
from laget.people.models import Education, Employment, FurtherEducation, Person, RoleCategory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"bruker{n}")
    password = factory.django.Password("korrekt-hest-batteri-stift")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Tjeneste {n}")
    slug = factory.Sequence(lambda n: f"tjeneste-{n}")
    host_municipality = factory.LazyFunction(lambda: Municipality.objects.get(number="5001"))

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        """Member municipality numbers; the host is always a member."""
        if not create:
            return
        numbers = {self.host_municipality.number, *(extracted or [])}
        self.municipalities.set(Municipality.objects.filter(number__in=numbers))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Fornavn{n}")
    family_name = factory.Sequence(lambda n: f"Etternavn{n}")
    birth_year = 1985


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employment

    person = factory.SubFactory(PersonFactory)
    service = factory.SubFactory(ServiceFactory)
    position_title = "Barnevernskonsulent"
    role_category = RoleCategory.CORE
    fte_percent = Decimal("100")
    start_date = date(2020, 1, 1)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.LEADER


def staff(service: Service, count: int, **kwargs) -> list[Employment]:
    """`count` current employments in `service`, each with its own person."""
    return EmploymentFactory.create_batch(count, service=service, **kwargs)


class EducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Education

    person = factory.SubFactory(PersonFactory)
    level = "bachelor"
    field = "Barnevern"
    relevant = True
    completed_on = date(2012, 6, 15)


class FurtherEducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FurtherEducation

    person = factory.SubFactory(PersonFactory)
    course = "Barnevernfaglig videreutdanning"
    credits = Decimal("30")
    relevant = True
    status = "completed"
    ends_on = date(2021, 6, 30)


def staff_with_register(
    service: Service, count: int, *, credits: int = 30, **kwargs
) -> list[Employment]:
    """Staff with a relevant bachelor and `credits` of completed relevant further education."""
    employments = staff(service, count, **kwargs)
    for employment in employments:
        EducationFactory(person=employment.person)
        if credits:
            FurtherEducationFactory(person=employment.person, credits=Decimal(credits))
    return employments


def hire_form(start: str = "2026-11-01", **changes: str) -> dict[str, str]:
    """What a leader posts on «Ny ansatt» (`people:hire`) for Nora Ny, core staff, full time."""
    return {
        "person-given_name": "Nora",
        "person-family_name": "Ny",
        "person-email": "",
        "person-birth_year": "1995",
        "employment-employee_number": "N-1",
        "employment-position_title": "Barnevernskonsulent",
        "employment-role_category": "core",
        "employment-unit": "",
        "employment-fte_percent": "100",
        "employment-start_date": start,
        "employment-end_date": "",
        "employment-end_reason": "",
        **changes,
    }
