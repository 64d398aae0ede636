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
    run_scheduler: bool = Field(
        default=True, description="Run the daily duties (deemed decisions, reminders) hourly."
    )
    access_log: bool = Field(
        default=True,
        description="Log every request to standard output (uvicorn's access log, about a third "
        "of a trivial request's cost); turn off where a reverse proxy already logs requests.",
    )
    label_colour_ordinary: str = Field(
        default="#ffffff",
        description="Background colour of 普通 labels (CSS colour). No national colour rule was "
        "found (facts §3.3); white by default.",
    )
    label_colour_improved: str = Field(
        default="#e3f3e0",
        description="Background colour of 林木良种 labels (CSS colour). No national colour rule "
        "was found (facts §3.3); light green by default.",
    )
    label_printer_dpi: int = Field(
        default=203,
        ge=150,
        le=1200,
        description="Resolution of the label printers the nurseries print on (dots per inch). "
        "A label's QR module is drawn as a whole number of these dots, at least 3 (issue 12: "
        "most nursery label printers are 1-bit thermal printers of 203 dpi, some 300). A fact "
        "of the printers, not of the law: a deployment setting, 203 by default.",
    )
    run_print_worker: bool = Field(
        default=True,
        description="Run the label print-job worker inside the server (else use the "
        "print-worker command).",
    )
    print_processes: int = Field(
        default=2, ge=1, le=32, description="Worker processes that render label PDFs in parallel."
    )
    prints_dir: Path | None = Field(
        default=None,
        description="Folder where finished print jobs' PDFs are stored (default: var_dir/prints).",
    )
    label_signing_key_file: Path | None = Field(
        default=None,
        description="PEM file with the league's Ed25519 label-signing private key (default: "
        "var_dir/keys/label-signing.pem); created once by `python -m seedreg keygen`.",
    )
    label_verify_rate_per_minute: int = Field(
        default=60,
        ge=0,
        description="Public label look-ups per client address per minute (token bucket per "
        "process); 0 turns the limit off (benchmarks).",
    )
    label_verify_burst: int = Field(
        default=30, ge=1, description="Look-ups a client may make at once before the rate applies."
    )
    label_verify_cache_seconds: float = Field(
        default=2.0,
        ge=0,
        le=60,
        description="How long a server process keeps an issue's lot, licence and certificate "
        "states for public look-ups (a change made in another process shows within this); "
        "0 reads them on every look-up.",
    )
    label_verify_connections: int = Field(
        default=8,
        ge=1,
        le=50,
        description="PostgreSQL connections per server process kept for public label look-ups; "
        "look-ups that arrive together share one query on a connection (with 50 clients on 2 "
        "cores and 2 server processes, 2, 4 and 8 connections all gave 0.48–0.55× of the "
        "trivial endpoint's throughput).",
    )
    label_max_per_issue: int = Field(
        default=20_000, ge=1, le=200_000, description="Most labels one issuing request may create."
    )
    scan_flush_seconds: float = Field(
        default=1.0,
        gt=0,
        le=60,
        description="Label scans are buffered in memory and written at least this often.",
    )
    scan_flush_batch: int = Field(
        default=200, ge=1, description="Write buffered label scans as soon as this many wait."
    )
    field_photo_max_edge_px: int = Field(
        default=1600,
        ge=320,
        le=8000,
        description="Field pages shrink a photo in the browser to this longest edge before it "
        "is kept and uploaded (static/field/drafts.js); legible label text at 1600 px.",
    )
    field_photo_quality: float = Field(
        default=0.82,
        gt=0.1,
        le=1.0,
        description="JPEG quality of a photo shrunk in the browser on the field pages.",
    )
    clone_window_hours: int = Field(
        default=24,
        ge=1,
        le=24 * 30,
        description="Window in which scans of one serial are compared.",
    )
    clone_distance_km: float = Field(
        default=100.0,
        gt=0,
        description="Two located scans of one serial farther apart than this within the window "
        "raise a clone flag.",
    )
    clone_max_networks: int = Field(
        default=5,
        ge=1,
        description="Scans of one serial from more distinct networks than this within the window "
        "raise a clone flag.",
    )
    clone_max_clients: int = Field(
        default=20,
        ge=1,
        description="Scans of one serial from more distinct clients than this within the window "
        "raise a clone flag.",
    )
    clone_lot_scan_multiple: float = Field(
        default=20.0,
        gt=0,
        description="Scans of a lot's serials within the window above this multiple of its label "
        "count raise a clone flag.",
    )
    clone_lot_check_seconds: float = Field(
        default=60.0,
        gt=0,
        description="A lot's scans are counted against its labels at most this often (counting "
        "a large lot's window of scans is the clone check's costly part; a slow signal anyway).",
    )
    sms_gateway_url: str = Field(
        default="",
        description="HTTPS address of the SMS gateway's send endpoint (JSON POST, see "
        "seedreg.notifications.gateways.HttpJsonGateway); empty: messages are only logged.",
    )
    sms_api_key: str = Field(default="", description="Key id sent in X-Api-Key to the gateway.")
    sms_api_secret: str = Field(
        default="", description="Shared secret that signs each request (HMAC-SHA256)."
    )
    sms_sign_name: str = Field(
        default="兴安盟林草局", description="短信签名: the sender name the gateway has approved."
    )
    run_sms_sender: bool = Field(
        default=True,
        description="Send queued SMS from inside the server every few seconds (else use the "
        "send-sms command).",
    )
    sms_send_interval_seconds: float = Field(
        default=3.0, gt=0, description="How often the server's SMS sender looks at the outbox."
    )
    seal_endpoint: str = Field(
        default="",
        description="HTTPS address of the region's unified electronic-seal system "
        "(兴署发〔2021〕5号 Art. 26; see seedreg.seals.region for what is sent); used when "
        "the local setting seals.adapter is region.",
    )
    seal_api_key: str = Field(default="", description="Key id sent to the seal system.")
    seal_api_secret: str = Field(
        default="", description="Shared secret that signs each request to the seal system."
    )
    elicence_endpoint: str = Field(
        default="",
        description="HTTPS address of the region's e-licence library "
        "(兴署发〔2021〕5号 Art. 27; see seedreg.elicences.library); empty: licences are queued "
        "and wait.",
    )
    elicence_api_key: str = Field(default="", description="Key id sent to the e-licence library.")
    elicence_api_secret: str = Field(
        default="", description="Shared secret that signs each request to the e-licence library."
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

    @property
    def prints_path(self) -> Path:
        """Where print-job PDFs go: ``prints_dir``, or ``prints/`` under ``var_dir``."""
        return self.prints_dir or self.var_dir / "prints"

    @property
    def label_key_path(self) -> Path:
        """The label-signing key file: ``label_signing_key_file`` or var_dir/keys/…pem."""
        return self.label_signing_key_file or self.var_dir / "keys" / "label-signing.pem"

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
