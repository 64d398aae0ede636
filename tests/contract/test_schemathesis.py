"""Schemathesis against the app's own OpenAPI document (issue 12 item 6): for every /api
operation a bounded number of generated requests, each as one of the roles (or nobody), checked
for server errors, undocumented status codes, undocumented media types and bodies that do not
match their documented schema.

The live test server answers (tests/fixtures.py), so the run shares the suite's database:
- ids the generator puts into a write's path or body (``*_id``, ``*_ids``) are moved past every
  record the suite makes, so a generated write can only answer 404 or refuse its input; it never
  changes another test's application, lot, label or account;
- the operations whose effect reaches every other test are left out (EXCLUDED, with why; each
  is tested on its own elsewhere);
- every request comes from one client address of its own (the server trusts X-Forwarded-For
  from loopback), so the per-client limits it trips (sign-in, sign-up, codes, label look-ups)
  never touch another test's.
"""

from __future__ import annotations

import os
import re
from typing import Any

import httpx
import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from seedreg.core.inputs import INT_MAX
from tests.fixtures import PASSWORD

# One persona of each role the API serves, and nobody.
ROLES = ["admin", "officer_league", "station", "quarantine", "inspector", "alice", None]
CLIENT = "192.0.2.77"  # TEST-NET-1: no other test's address
# Per operation; the whole run stays within a few minutes on two cores. A longer hunt:
# SEEDREG_SCHEMATHESIS_EXAMPLES=100.
EXAMPLES = int(os.environ.get("SEEDREG_SCHEMATHESIS_EXAMPLES", "12"))
DETACHED = 2_000_000_000  # ids from here on belong to no record the suite makes
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

EXCLUDED = {
    # Rule settings are read by every deadline, fee and limit in the suite; they are changed
    # and reset only by tests/http/test_rule_settings.py, one setting at a time.
    ("PUT", "/api/settings/{key}"),
    ("DELETE", "/api/settings/{key}"),
    # Signing out would revoke the persona's token in the middle of the run (tests/http/
    # test_auth.py signs out its own session).
    ("DELETE", "/api/auth/token"),
    # A new grading row changes the grade of every later inspection of that species and
    # standard; a new species joins every species list (tests/label_support.py and
    # tests/http/test_quality.py add their own, with names nobody else uses).
    ("POST", "/api/quality/grading/seed"),
    ("POST", "/api/quality/grading/seedling"),
    ("POST", "/api/reference/species"),
}


@pytest.fixture(scope="module")
def tokens(server: str, personas) -> dict[str | None, str]:
    """A token of its own for each persona (the suite's cached ones stay untouched)."""
    found: dict[str | None, str] = {None: ""}
    for name in ROLES:
        if name is None:
            continue
        r = httpx.post(
            f"{server}/api/auth/token",
            json={"username": personas[name].username, "password": PASSWORD},
            headers={"X-Forwarded-For": CLIENT},
        )
        assert r.status_code == 201, r.text
        found[name] = r.json()["token"]
    return found


@pytest.fixture(scope="module")
def api_schema(server: str):
    return schemathesis.openapi.from_dict(httpx.get(f"{server}/schema/openapi.json").json())


def api_operations() -> list[tuple[str, str]]:
    """(method, path) of every documented /api operation but the EXCLUDED, from the app."""
    from seedreg.app import create_app

    found = []
    for route in create_app().routes:
        if not route.path.startswith("/api/"):
            continue
        path = re.sub(r"{(\w+):\w+}", r"{\1}", route.path)
        for handler in route.route_handlers:
            if not handler.resolve_include_in_schema():
                continue
            for method in sorted(set(handler.http_methods) - {"HEAD", "OPTIONS"}):
                if (method, path) not in EXCLUDED:
                    found.append((method, path))
    return sorted(found)


def detach(value: Any, key: str = "") -> Any:
    """``value`` with every record id in it moved past the suite's records."""
    if isinstance(value, dict):
        return {k: detach(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [detach(v, key) for v in value]
    is_id = key == "id" or key.endswith(("_id", "_ids"))
    if is_id and isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= INT_MAX:
        return DETACHED + value % 100_000_000
    return value


@pytest.mark.parametrize(("method", "path"), api_operations())
def test_the_api_answers_as_its_document_says(method, path, api_schema, tokens, server):
    operation = api_schema[path][method]
    cases = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @hypothesis.given(case=cases, role=st.sampled_from(ROLES))
    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,  # no .hypothesis/ directory in the work tree
        phases=[Phase.explicit, Phase.generate],  # a failure is reported as found, unshrunk
        suppress_health_check=list(HealthCheck),
    )
    def answers(case, role):
        if method in WRITES:
            case.path_parameters = detach(case.path_parameters or {})
            if isinstance(case.body, dict | list):
                case.body = detach(case.body)
        headers = {"X-Forwarded-For": CLIENT}
        if tokens[role]:
            headers["Authorization"] = f"Bearer {tokens[role]}"
        try:
            case.call_and_validate(base_url=server, headers=headers, checks=CHECKS, timeout=60)
        except (Failure, FailureGroup) as exc:
            for failure in exc.exceptions if isinstance(exc, FailureGroup) else [exc]:
                found.setdefault(finding(failure), f"as {role}: {case.as_curl_command()}")

    found: dict[str, str] = {}  # every distinct finding of the run, not only the first
    answers()
    assert not found, "\n".join(f"{what}\n    {how}" for what, how in found.items())


def finding(failure: Failure) -> str:
    """One line that tells findings apart: the check, and the status or the first line."""
    status = getattr(failure, "status_code", None)
    detail = f"status {status}" if status else failure.message.strip().splitlines()[0][:160]
    return f"{failure.code} {failure.title}: {detail}"
