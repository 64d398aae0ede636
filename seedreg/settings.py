"""One typed settings object; every field is described and read from SEEDREG_* variables."""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Runtime configuration. Environment variables use the prefix ``SEEDREG_``."""

    model_config = SettingsConfigDict(env_prefix="SEEDREG_", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'var' / 'seedreg.sqlite3'}",
        description="sqlite:///path/to/file.sqlite3 (default, embedded) or "
        "postgresql://user:pass@host:port/db (production, several workers).",
    )
    secret_key: str = Field(
        default="",
        description="Key for signing; empty means a random key kept in var/secret_key.",
    )
    host: str = Field(default="127.0.0.1", description="Address the web server listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port the web server listens on.")
    public_base_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Public address printed in QR codes and e-mails, without trailing slash.",
    )
    var_dir: Path = Field(
        default=PROJECT_ROOT / "var",
        description="Writable folder for the SQLite file, uploads, backups and the key file.",
    )
    session_idle_hours: int = Field(
        default=12, ge=1, le=24 * 30, description="A session ends after this many idle hours."
    )
    secure_cookies: bool = Field(
        default=False, description="Mark cookies Secure (set true behind HTTPS)."
    )
    login_max_failures: int = Field(
        default=5, ge=1, description="Failed logins per account within the window before lockout."
    )
    login_max_failures_per_ip: int = Field(
        default=20, ge=1, description="Failed logins per client address within the window."
    )
    login_window_minutes: int = Field(
        default=15, ge=1, description="Window for counting failed logins, in minutes."
    )
    max_request_bytes: int = Field(
        default=1_000_000, ge=1024, description="Largest request body accepted (uploads excepted)."
    )
    max_upload_bytes: int = Field(
        default=10_000_000, ge=100_000, description="Largest uploaded material (PDF/JPEG/PNG)."
    )
    pool_size: int = Field(
        default=10, ge=1, le=100, description="PostgreSQL connection pool size per process."
    )
    licence_validity_years: int = Field(
        default=5,
        ge=1,
        le=20,
        description="Licence validity in years (令第40号 Art. 14: 5 unless a local rule differs).",
    )
    promised_decision_workdays: int = Field(
        default=10,
        ge=1,
        le=20,
        description="承诺办结时限: working days from acceptance the bureau promises to decide in.",
    )
    service_place: str = Field(
        default="兴安盟政务服务中心林业和草原局窗口；各旗县市政务服务中心林业和草原局窗口",
        description="办理地点 shown in the service guide.",
    )
    service_phone: str = Field(
        default="12345（政务服务便民热线）", description="咨询方式 shown in the service guide."
    )
    complaint_phone: str = Field(
        default="12345（政务服务便民热线）", description="监督投诉方式 shown in the service guide."
    )
    run_scheduler: bool = Field(
        default=True, description="Run the daily duties (deemed decisions, reminders) hourly."
    )
    debug: bool = Field(default=False, description="Development mode: never in production.")

    @field_validator("public_base_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        if not value.startswith(("sqlite:///", "postgres://", "postgresql://")):
            msg = "SEEDREG_DATABASE_URL must start with sqlite:/// or postgresql://"
            raise ValueError(msg)
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite:")

    def signing_key(self) -> str:
        """The configured secret, or one generated once and kept in ``var/secret_key``."""
        if self.secret_key:
            return self.secret_key
        key_file = self.var_dir / "secret_key"
        if not key_file.exists():
            key_file.parent.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(48))
            key_file.chmod(0o600)
        return key_file.read_text().strip()


@cache
def get_settings() -> Settings:
    """Settings from the environment, read once per process."""
    return Settings()
