"""Every input model the app takes (JSON bodies of its routes, form models, nested parts) refuses
a right-to-left override in every text field (issue 12 item 1)."""

from __future__ import annotations

import importlib
import pkgutil
import typing
from enum import Enum

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_settings import BaseSettings

import seedreg
from seedreg.core.inputs import Input, invisible_char

RLO = "\u202e"

# Models that may take any text: none.
KNOWN_UNPROTECTED: set[str] = set()


def _all_models() -> list[type[BaseModel]]:
    for info in pkgutil.walk_packages(seedreg.__path__, "seedreg."):
        if ".piccolo_migrations" not in info.name and not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    seen: list[type[BaseModel]] = []
    stack = list(BaseModel.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("seedreg.") and cls not in seen:
            seen.append(cls)
    return seen


def _route_models() -> set[type[BaseModel]]:
    from seedreg.app import create_app

    found = set()
    for route in create_app().routes:
        for handler in getattr(route, "route_handlers", []):
            field = handler.parsed_fn_signature.parameters.get("data")
            annotation = field.annotation if field else None
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                found.add(annotation)
    return found


def _nested(model: type[BaseModel]) -> set[type[BaseModel]]:
    found = {model}
    for field in model.model_fields.values():
        for arg in _leaves(field.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel) and arg not in found:
                found |= _nested(arg)
    return found


def _leaves(annotation: object) -> list[object]:
    args = typing.get_args(annotation)
    if not args:
        return [annotation]
    if typing.get_origin(annotation) is typing.Literal:
        return []
    return [leaf for a in args for leaf in _leaves(a)]


def input_models() -> list[type[BaseModel]]:
    """Route bodies and everything forms parse: models that forbid unknown fields, Inputs."""
    chosen = set(_route_models())
    for cls in _all_models():
        if issubclass(cls, BaseSettings):
            continue
        if issubclass(cls, Input) or cls.model_config.get("extra") == "forbid":
            chosen.add(cls)
    every = set()
    for cls in chosen:
        every |= _nested(cls)
    return sorted(every, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _text_value(annotation: object, length: int) -> object | None:
    """A hostile value for a field that takes text (or a list of texts), else None: long enough
    for the field's minimum, so that only the override can be what is refused."""
    origin = typing.get_origin(annotation)
    if origin in (list, set, tuple, frozenset):
        inner = _text_value(typing.get_args(annotation)[0], 4)
        return [inner] if inner is not None else None
    if origin is dict:
        inner = _text_value(typing.get_args(annotation)[1], 4)
        return {"一": inner} if inner is not None else None
    leaves = _leaves(annotation)
    text = any(isinstance(leaf, type) and issubclass(leaf, str) for leaf in leaves)
    choice = any(isinstance(leaf, type) and issubclass(leaf, Enum) for leaf in leaves)
    return "甲" + RLO + "乙" * max(length - 2, 1) if text and not choice else None


def _min_length(field: object) -> int:
    lengths = [getattr(m, "min_length", None) for m in getattr(field, "metadata", [])]
    return max([n for n in lengths if n] or [2])


def _refused(model: type[BaseModel], name: str, value: object) -> bool:
    try:
        model.model_validate({name: value})
    except ValidationError as exc:
        for err in exc.errors():
            if err["loc"] and err["loc"][0] == name:
                return "U+202E" in err["msg"] or err["type"] in (
                    "string_pattern_mismatch",
                    "literal_error",
                )
    return False


def _text_fields(model: type[BaseModel]) -> list[tuple[str, object]]:
    fields = []
    for name, field in model.model_fields.items():
        if "password" in name:
            continue  # never displayed; refusing or stripping could lock a person out
        value = _text_value(field.annotation, _min_length(field))
        if value is not None:
            fields.append((field.alias or name, value))
    return fields


MODELS = input_models()


def test_the_walk_finds_the_inputs():
    names = {f"{m.__module__}.{m.__qualname__}" for m in MODELS}
    assert "seedreg.licensing.schemas.ProductionSite" in names  # nested in a body
    assert "seedreg.reference.views.CalendarDayIn" in names  # a form's model
    assert names >= KNOWN_UNPROTECTED
    assert len(MODELS) > 40


@pytest.mark.parametrize("model", MODELS, ids=lambda m: f"{m.__module__}.{m.__qualname__}")
def test_every_text_field_refuses_a_right_to_left_override(model):
    name = f"{model.__module__}.{model.__qualname__}"
    open_fields = [f for f, value in _text_fields(model) if not _refused(model, f, value)]
    if name in KNOWN_UNPROTECTED:
        assert open_fields, f"{name} is protected now: remove it from KNOWN_UNPROTECTED"
    else:
        assert not open_fields, f"{name} takes U+202E in {open_fields}"


@pytest.mark.parametrize(
    "code",
    [
        *range(0x202A, 0x202F),  # embeddings and overrides
        *range(0x2066, 0x206A),  # isolates
        *(0x200E, 0x200F, 0x061C),  # marks
        *(0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF),  # zero-width, BOM
        *(0x00AD, 0x180E, 0xE0041, 0x0085),  # other Cf (soft hyphen, MVS, tag), a C1 control
    ],
)
def test_each_bidi_control_and_invisible_format_character_is_found(code):
    assert invisible_char(f"名称{chr(code)}") == chr(code)


@pytest.mark.parametrize(
    "text", ["樟子松", "Pinus sylvestris var. mongolica", "第一行\n第二行\t", "𠀀𪚥", "😀", ""]
)
def test_ordinary_text_has_no_invisible_character(text):
    assert invisible_char(text) is None
