"""The OpenAPI document tells what the API answers (issue 12 item 5): every operation's error
statuses with the app's one error body, binary downloads as files, never Litestar's default
error shape. Read from the served /schema/openapi.json; what each handler takes (a signed-in
actor, a body, parameters) from the app's own routes."""

from __future__ import annotations

import re

import pytest

from tests.http.lotkit import ok

ERROR_REF = "#/components/schemas/ErrorBody"
BINARY = {
    ("get", "/api/licensing/materials/{material_id}"): {
        "application/pdf",
        "image/jpeg",
        "image/png",
    },
    ("get", "/api/printing/jobs/{public_id}/pdf"): {"application/pdf"},
    ("get", "/api/filings/materials/{material_id}"): {
        "application/pdf",
        "image/jpeg",
        "image/png",
    },
}
VERDICT_REF = "#/components/schemas/VerificationOut"
# The public label check answers an unknown serial with its verdict body (documented so), and
# with the error body when the address holds no serial at all (a control character in it).
OWN_BODIES = {
    ("get", "/api/public/labels/{serial}", "404"): {
        "oneOf": [{"$ref": VERDICT_REF}, {"$ref": ERROR_REF}]
    }
}
WRITES = {"post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def document(api) -> dict:
    return ok(api().get("/schema/openapi.json"))


@pytest.fixture(scope="module")
def operations(document) -> list[tuple[str, str, dict]]:
    found = [
        (method, path, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]
    assert len(found) > 100
    return found


def signed_in_operations() -> set[tuple[str, str]]:
    """(method, path) of every /api handler that takes the signed-in actor."""
    from seedreg.app import create_app

    found = set()
    for route in create_app().routes:
        if not route.path.startswith("/api/"):
            continue
        path = re.sub(r"{(\w+):\w+}", r"{\1}", route.path)
        for handler in route.route_handlers:
            if "actor" in handler.parsed_fn_signature.parameters:
                found |= {(m.lower(), path) for m in handler.http_methods}
    return found


def json_schema(response: dict) -> dict:
    return response.get("content", {}).get("application/json", {}).get("schema", {})


def error_ref(response: dict) -> str | None:
    return json_schema(response).get("$ref")


def test_every_error_response_is_the_apps_error_body(operations):
    wrong = [
        (method, path, status, error_ref(response))
        for method, path, op in operations
        for status, response in op["responses"].items()
        if status[0] in "45"
        and json_schema(response) != OWN_BODIES.get((method, path, status), {"$ref": ERROR_REF})
    ]
    assert not wrong


def test_no_operation_documents_the_frameworks_default_error_shape(document):
    text = str(document["paths"])
    assert "status_code" not in text
    assert "Validation Exception" not in text


def test_every_operation_with_input_documents_400_and_422(operations):
    missing = [
        (method, path)
        for method, path, op in operations
        if (op.get("parameters") or op.get("requestBody"))
        and not {"400", "422"} <= set(op["responses"])
    ]
    assert not missing


def test_path_parameters_document_404_and_bodies_413(operations):
    missing = []
    for method, path, op in operations:
        statuses = set(op["responses"])
        if any(p["in"] == "path" for p in op.get("parameters", [])) and "404" not in statuses:
            missing.append((method, path, "404"))
        if op.get("requestBody") and "413" not in statuses:
            missing.append((method, path, "413"))
        if any(p["in"] == "query" for p in op.get("parameters", [])) and "414" not in statuses:
            missing.append((method, path, "414"))
    assert not missing


def test_signed_in_operations_document_401_403_and_their_token(operations):
    signed_in = signed_in_operations()
    assert len(signed_in) > 80
    missing = []
    for method, path, op in operations:
        statuses = set(op["responses"])
        if (method, path) not in signed_in:
            assert "401" not in statuses, (method, path)
            continue
        expected = {"401", "403"} | ({"404", "409"} if method in WRITES else set())
        if not expected <= statuses or op.get("security") != [{"bearer": []}]:
            missing.append((method, path, sorted(expected - statuses)))
    assert not missing


def test_rate_limited_operations_document_429(document):
    for method, path in [
        ("get", "/api/public/labels/{serial}"),
        ("post", "/api/auth/token"),
        ("post", "/api/signup"),
        ("post", "/api/auth/password-reset/code"),
    ]:
        assert "429" in document["paths"][path][method]["responses"], (method, path)


def test_the_public_label_check_documents_its_verdicts(document):
    responses = document["paths"]["/api/public/labels/{serial}"]["get"]["responses"]
    assert error_ref(responses["200"]) == VERDICT_REF
    assert json_schema(responses["404"])["oneOf"][0] == {"$ref": VERDICT_REF}
    assert error_ref(responses["422"]) == ERROR_REF


def test_downloads_are_documented_as_files(operations):
    for method, path, op in operations:
        is_pdf = path.endswith((".pdf", "/pdf"))
        if not is_pdf and (method, path) not in BINARY:
            continue
        success = next(r for s, r in op["responses"].items() if s.startswith("2"))
        media = set(success["content"])
        assert media == BINARY.get((method, path), {"application/pdf"}), (method, path)
        for media_type, content in success["content"].items():
            assert content["schema"] == {"type": "string", "contentMediaType": media_type}


def test_the_error_body_component_is_the_one_the_api_sends(document, api):
    component = document["components"]["schemas"]
    assert component["ErrorBody"]["required"] == ["error"]
    detail = component["ErrorDetail"]
    body = api().get("/api/me").json()  # a real 401
    assert set(body["error"]) == set(detail["properties"]) == set(detail["required"])
