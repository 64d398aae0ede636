"""Settings are declared once, each described, and bad values fail at start-up."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from seedreg.settings import Settings


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_described(name):
    description = Settings.model_fields[name].description or ""
    assert len(description) >= 10, f"SEEDREG_{name.upper()} needs a description"


def test_it_refuses_an_unknown_database_engine():
    with pytest.raises(ValidationError, match="sqlite:/// or postgresql://"):
        Settings(database_url="mysql://localhost/seedreg")


def test_it_refuses_an_impossible_port():
    with pytest.raises(ValidationError):
        Settings(port=70000)


def test_it_keeps_a_generated_key_across_restarts(tmp_path):
    first = Settings(var_dir=tmp_path, secret_key="").signing_key()
    assert len(first) >= 40
    assert Settings(var_dir=tmp_path, secret_key="").signing_key() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_it_prefers_the_configured_key(tmp_path):
    assert Settings(var_dir=tmp_path, secret_key="configured").signing_key() == "configured"
