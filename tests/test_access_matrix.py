"""The permission matrix: every URL the app has × every role × the objects it names.

URLs are discovered from the resolver. A URL missing from RULES fails the suite, so a new view
cannot ship without its access rule being stated and tested here. Each URL is tried with
- an object in the role's own scope ("own") and one of another service ("foreign");
- a mixed path ("mixed"): the role's own parent (service, person, report, onboarding) with
  another service's object id after it, the classic IDOR: always 404, for admins too, and a
  POST to it changes nothing;
and every refused POST is checked to have stored nothing. Forms whose fields name objects are
posted with another service's objects (`tests/access_forms.py`). The world has a fourth
service D with 3 staff, so every aggregate page about it must hide its figures.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.apps import apps
from django.contrib.messages import ERROR, get_messages
from django.db import transaction
from django.forms import BaseForm
from django.urls import reverse

from conftest import ROLES, World
from tests.access_forms import CROSS_POSTS, NO_OBJECT_FIELDS, CrossPost
from tests.access_rules import PUBLIC, RULES, Rule, discovered_url_names
from tests.access_targets import (
    MUNICIPAL_D,
    SmallWorld,
    assert_no_person_data,
    own_and_foreign,
    url_kwargs,
)


def test_every_url_has_an_access_rule():
    missing = discovered_url_names() - RULES.keys()
    assert not missing, f"Add these URLs to RULES in {__name__}: {sorted(missing)}"
    stale = RULES.keys() - discovered_url_names()
    assert not stale, f"RULES names URLs that no longer exist: {sorted(stale)}"


def _cases():
    for name in sorted(RULES):
        for role in [*ROLES, "anonymous"]:
            yield pytest.param(name, role, id=f"{name}-{role}")


def _request(client, method: str, url: str, data: dict | None):
    return client.post(url, data or {}) if method == "post" else client.get(url)


def _db_state() -> dict[str, list]:
    """Every row of every Laget model: a refused request must leave it as it was."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model.__module__.startswith("laget.")
    }


def mixed_kwargs(own: dict | None, foreign: dict | None) -> list[dict]:
    """The role's own parent with another service's object after it: for each split of the
    URL's arguments (in path order), the own values before it and the foreign ones after."""
    if not own or not foreign or own.keys() != foreign.keys():
        return []
    keys = list(own)
    mixed: list[dict] = []
    for split in range(1, len(keys)):
        kwargs = {k: own[k] if i < split else foreign[k] for i, k in enumerate(keys)}
        if kwargs not in (own, foreign, *mixed):
            mixed.append(kwargs)
    return mixed


@pytest.mark.parametrize(("name", "role"), list(_cases()))
def test_access(client, small_world: SmallWorld, name: str, role: str):
    world = small_world
    rule = RULES[name]
    if role != "anonymous":
        client.force_login(world.user(role))
    targets = own_and_foreign(world, role if role != "anonymous" else "leader", rule.target)
    for which, obj in targets.items():
        url = reverse(name, kwargs=url_kwargs(obj))
        allowed_roles = rule.allowed_own if which == "own" else rule.allowed_foreign
        refused = allowed_roles != PUBLIC and role not in allowed_roles
        before = _db_state() if refused and rule.method == "post" else None
        response = _request(client, rule.method, url, rule.data)
        if allowed_roles == PUBLIC:
            expected = rule.ok_status
            if role != "anonymous" and rule.status_when_logged_in is not None:
                expected = rule.status_when_logged_in
            assert response.status_code == expected, (url, role)
        elif role == "anonymous":
            _assert_login_redirect(response, url)
        elif role in allowed_roles:
            assert response.status_code == rule.ok_status, (url, role, which)
        else:
            assert response.status_code in (403, 404), (url, role, which, response.status_code)
            assert_no_person_data(response, world)
        if before is not None:
            assert _db_state() == before, (url, role, which, "a refused POST stored something")
    own = targets.get("own")
    for kwargs in mixed_kwargs(url_kwargs(own), url_kwargs(targets.get("foreign"))):
        _try_mixed(client, world, rule, role, reverse(name, kwargs=kwargs))


def _try_mixed(client, world: SmallWorld, rule: Rule, role: str, url: str) -> None:
    """The own parent in the path and another service's object: 404 for every role (admins
    included: the object is not the parent's), by the rule's method and by POST, and nothing
    stored."""
    methods = [rule.method] if rule.method == "post" else ["get", "post"]
    for method in methods:
        before = _db_state() if method == "post" else None
        response = _request(client, method, url, rule.data if method == rule.method else None)
        if role == "anonymous":
            _assert_login_redirect(response, url)
        else:
            allowed = {404} if role in rule.allowed_own else {403, 404}
            if method != rule.method:
                allowed.add(405)  # a GET-only view
            assert response.status_code in allowed, (url, role, "mixed", method, response)
            assert_no_person_data(response, world)
        if before is not None:
            assert _db_state() == before, (url, role, "mixed", "a refused POST stored something")


def _assert_login_redirect(response, url: str) -> None:
    assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"], url


AGGREGATE_ONLY = ["municipal", "municipal_os", "county", "county_other", "national"]


@pytest.mark.parametrize("role", [*AGGREGATE_ONLY, MUNICIPAL_D])
def test_aggregate_users_never_see_a_name(client, small_world: SmallWorld, role: str):
    """Municipal, county and national users get 200s, but no person appears on any page."""
    world = small_world
    client.force_login(world.user(role))
    pages: list[Callable[[], str]] = [
        lambda: reverse("organisations:overview"),
        lambda: reverse("competence_overview:overview"),
        lambda: reverse("workforce_overview:overview"),
    ]
    pages += [
        lambda s=s, name=name: reverse(name, kwargs={"pk": s.pk})
        for name in (
            "organisations:detail",
            "competence:service",
            "projection_service:service",
            "workforce:service",
            "supervision:service",
        )
        for s in (world.service_a, world.service_b, world.service_c, world.service_d)
    ]
    for page in pages:
        response = client.get(page())
        if response.status_code == 200:
            assert_no_person_data(response, world)


# --- Forms naming another service's objects ---------------------------------------------------


def _refused(response) -> bool:
    """404, or the form back with an error (400, or 200/302 with an error message)."""
    if response.status_code in (400, 404):
        return True
    if response.status_code not in (200, 302):
        return False
    contexts = response.context if isinstance(response.context, list) else [response.context]
    forms = [
        v
        for c in contexts
        if c is not None
        for v in c.flatten().values()
        if isinstance(v, BaseForm)
    ]
    messages = get_messages(response.wsgi_request)
    return any(f.errors for f in forms) or any(m.level == ERROR for m in messages)


def _cross_post_cases():
    for case in CROSS_POSTS:
        for role in case.roles:
            yield pytest.param(case, role, id=f"{case.url_name}-{case.what}-{role}")


@pytest.mark.parametrize(("case", "role"), list(_cross_post_cases()))
def test_a_form_naming_another_service_s_object_is_refused(
    client, small_world: SmallWorld, case: CrossPost, role: str
):
    """A's form with B's object in a field: refused and nothing stored; the same form with
    A's own object is stored."""
    built = case.build(small_world)
    client.force_login(small_world.user(role))
    before = _db_state()
    response = client.post(built.url, built.data)
    assert _refused(response), (case.what, role, response.status_code)
    assert _db_state() == before, (case.what, role, "stored")
    _assert_no_person_data_of_other_services(response, small_world)
    client.get(reverse("core:no_role"))  # shows (and so clears) the refusal's message
    response = client.post(built.own_url or built.url, built.own_data)
    assert response.status_code in (200, 302) and not _refused(response), (case.what, role)
    assert _db_state() != before, (case.what, role, "the own object was not stored")


def _assert_no_person_data_of_other_services(response, world: SmallWorld) -> None:
    body = response.content.decode(errors="replace")
    for person in (world.person_b, world.person_c, *world.persons_d):
        assert person.family_name not in body, person.family_name


def test_every_form_is_tried_with_another_service_s_objects(client, small_world: SmallWorld):
    """Each view that takes a POST has cross-service cases in tests/access_forms.py or is
    listed there as naming no object in its fields."""
    takes_post = set()
    for name, rule in RULES.items():
        client.force_login(small_world.user("admin"))  # again after the logout
        with transaction.atomic():  # each URL on the world as it was
            own = own_and_foreign(small_world, "admin", rule.target)["own"]
            if client.post(reverse(name, kwargs=url_kwargs(own)), {}).status_code != 405:
                takes_post.add(name)
            transaction.set_rollback(True)
    tried = {case.url_name for case in CROSS_POSTS} | set(NO_OBJECT_FIELDS)
    assert not takes_post - tried, f"Add cross-service form cases for {sorted(takes_post - tried)}"
    assert not tried - takes_post, f"These take no POST: {sorted(tried - takes_post)}"
    assert not {c.url_name for c in CROSS_POSTS} & set(NO_OBJECT_FIELDS)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
def test_admin_is_for_admins_only(client, world: World, role: str):
    client.force_login(world.user(role))
    response = client.get(reverse("admin:people_person_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_sees_the_admin(client, world: World):
    client.force_login(world.user("admin"))
    assert client.get(reverse("admin:people_person_changelist")).status_code == 200
