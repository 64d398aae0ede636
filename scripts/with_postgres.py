#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL cluster.

Usage::

    python scripts/with_postgres.py -- pytest -q ...

If ``SEEDREG_TEST_POSTGRES_URL`` is already set, the command is simply run with
that URL passed through unchanged.  Otherwise a fresh cluster is created in a
temporary directory (``initdb``), started on a free loopback port, given a
``seedreg_test`` database owned by the ``seedreg`` role (trust auth), and the
command runs with ``SEEDREG_TEST_POSTGRES_URL`` pointing at it.  The cluster is
always stopped and its directory deleted afterwards, also on Ctrl-C, SIGTERM or
failure.  The exit code is the command's exit code.

The server binaries are looked up on PATH, then under
``/usr/lib/postgresql/<version>/bin`` (highest version first).  If they are
missing and we are root on a Debian-like system, the ``postgresql`` package is
installed with apt-get.  If they are still missing the script fails loudly
(exit 3); it never skips silently.

Standard library only.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType

URL_ENV = "SEEDREG_TEST_POSTGRES_URL"
DB_USER = "seedreg"
DB_NAME = "seedreg_test"
OS_USER = "postgres"  # system user that owns the cluster when we run as root
EXIT_NO_BINARIES = 3
PREFIX = "with_postgres:"
APT_LOCK_WAIT = 600  # seconds to wait for a busy apt/dpkg lock

SERVER_SETTINGS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
    "-c full_page_writes=off -c max_connections=200"
)


class Terminated(Exception):
    """Raised from the SIGTERM/SIGHUP handler so ``finally`` blocks run."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class ClusterError(Exception):
    """The throwaway cluster could not be created or started."""


def log(message: str) -> None:
    print(f"{PREFIX} {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- binaries


def _version_key(bin_dir: Path) -> tuple[int, ...]:
    """Sort key for /usr/lib/postgresql/<version>/bin ("9.6" < "15" < "16")."""
    try:
        return tuple(int(part) for part in bin_dir.parent.name.split("."))
    except ValueError:
        return (-1,)


def find_bin_dir() -> Path | None:
    """Directory holding both initdb and pg_ctl: PATH first, then highest Debian version."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        # Resolve symlinks (e.g. /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb)
        # so createdb/psql are taken from the same installation.
        return Path(initdb).resolve().parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True)
    for bin_dir in candidates:
        if (bin_dir / "initdb").is_file() and (bin_dir / "pg_ctl").is_file():
            return bin_dir
    return None


def run_apt_get(*args: str) -> bool:
    """Run apt-get quietly; retry for up to APT_LOCK_WAIT seconds while apt/dpkg is busy.

    DPkg::Lock::Timeout covers the dpkg lock, but ``apt-get update`` ignores it for the
    package lists lock, hence the retry loop.  Output is shown only on failure.
    """
    cmd = ["apt-get", "-o", f"DPkg::Lock::Timeout={APT_LOCK_WAIT}", *args]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    deadline = time.monotonic() + APT_LOCK_WAIT
    while True:
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return True
        output = result.stdout + result.stderr
        if "Could not get lock" in output and time.monotonic() < deadline:
            time.sleep(5)
            continue
        sys.stderr.write(output)
        log(f"'{' '.join(cmd)}' failed with exit code {result.returncode}")
        return False


def apt_install_postgresql() -> None:
    """Install Debian's postgresql package (root only); failures are reported, not raised."""
    log("PostgreSQL server binaries not found; installing Debian package 'postgresql' ...")
    if run_apt_get("update", "-qq"):
        run_apt_get("install", "-y", "-qq", "postgresql")


def locate_or_install_bin_dir() -> Path:
    bin_dir = find_bin_dir()
    if bin_dir is None and os.geteuid() == 0 and shutil.which("apt-get"):
        apt_install_postgresql()
        bin_dir = find_bin_dir()
    if bin_dir is None:
        print(
            "ERROR: PostgreSQL server binaries (initdb/pg_ctl) not found; install Debian's "
            f"postgresql package (apt-get install postgresql) or set {URL_ENV}",
            file=sys.stderr,
            flush=True,
        )
        sys.exit(EXIT_NO_BINARIES)
    return bin_dir


# --------------------------------------------------------------------------- cluster


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def system_tool(name: str) -> str:
    """Full path of a system tool; also looks in the sbin dirs, which a user's PATH may lack."""
    extra = os.pathsep.join(("/usr/sbin", "/sbin", "/usr/bin", "/bin"))
    path = os.environ.get("PATH", "") + os.pathsep + extra
    return shutil.which(name, path=path) or name


def running_as_root() -> bool:
    return os.geteuid() == 0


def ensure_os_user() -> None:
    """initdb refuses to run as root, so clusters are owned by the postgres system user."""
    try:
        pwd.getpwnam(OS_USER)
    except KeyError:
        log(f"creating system user '{OS_USER}'")
        useradd = [system_tool("useradd"), "--system", "--no-create-home", OS_USER]
        result = subprocess.run(useradd, check=False)
        if result.returncode != 0:
            raise ClusterError(f"useradd {OS_USER} failed (exit {result.returncode})") from None


def server_env() -> dict[str, str]:
    """Our environment minus PG* variables, which could redirect the server tools."""
    return {key: value for key, value in os.environ.items() if not key.startswith("PG")}


class Cluster:
    """A throwaway PostgreSQL cluster living in its own temporary directory."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="seedreg-pg-"))
        self.data = self.root / "data"
        self.logfile = self.root / "server.log"
        self.port = free_port()
        self.started = False

    @property
    def url(self) -> str:
        return f"postgresql://{DB_USER}@127.0.0.1:{self.port}/{DB_NAME}"

    def _tool(self, name: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a server tool from bin_dir, as the postgres user when we are root."""
        cmd = [str(self.bin_dir / name), *args]
        if running_as_root():
            cmd = [system_tool("runuser"), "-u", OS_USER, "--", *cmd]
        try:
            result = subprocess.run(
                cmd, cwd=self.root, env=server_env(), capture_output=True, text=True, check=False
            )
        except OSError as exc:
            raise ClusterError(f"cannot run {cmd[0]}: {exc}") from exc
        if check and result.returncode != 0:
            output = (result.stdout + result.stderr).strip()
            raise ClusterError(f"{name} failed (exit {result.returncode}):\n{output}")
        return result

    def init(self) -> None:
        """initdb the data directory (owned by the postgres system user when we are root)."""
        if running_as_root():
            ensure_os_user()
            shutil.chown(self.root, user=OS_USER)
        common = ["-D", str(self.data), "-A", "trust", "-U", DB_USER, "--encoding=UTF8"]
        common.append("--no-sync")
        first = self._tool("initdb", *common, "--locale=C.UTF-8", check=False)
        if first.returncode != 0:
            log("initdb with --locale=C.UTF-8 failed; retrying with --locale=C")
            shutil.rmtree(self.data, ignore_errors=True)
            self._tool("initdb", *common, "--locale=C")

    def start(self) -> None:
        options = f"-k {self.root} -p {self.port} {SERVER_SETTINGS}"
        args = ["-w", "-D", str(self.data), "-l", str(self.logfile), "-o", options, "start"]
        result = self._tool("pg_ctl", *args, check=False)
        # Even a failed start may have left a postmaster behind; stop() handles that.
        self.started = True
        if result.returncode != 0:
            output = (result.stdout + result.stderr).strip()
            raise ClusterError(
                f"pg_ctl start failed (exit {result.returncode}):\n{output}\n"
                f"--- server log tail ({self.logfile}) ---\n{self.log_tail()}"
            )

    def create_database(self) -> None:
        conn = ["-h", "127.0.0.1", "-p", str(self.port), "-U", DB_USER]
        if (self.bin_dir / "createdb").is_file():
            self._tool("createdb", *conn, "-O", DB_USER, DB_NAME)
        else:
            sql = f'CREATE DATABASE "{DB_NAME}" OWNER "{DB_USER}"'
            self._tool("psql", *conn, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql)

    def version(self) -> str:
        """E.g. "PostgreSQL 15.18" from "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"."""
        words = self._tool("pg_ctl", "--version", check=False).stdout.split()
        return f"PostgreSQL {words[2]}" if len(words) >= 3 else "PostgreSQL"

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.logfile.read_text(errors="replace")
        except OSError as exc:
            return f"(no server log: {exc})"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if not self.started or not (self.data / "postmaster.pid").exists():
            return
        for mode in ("fast", "immediate"):
            args = ["-w", "-D", str(self.data), "-m", mode, "stop"]
            result = self._tool("pg_ctl", *args, check=False)
            if result.returncode == 0:
                return
        log(f"WARNING: could not stop the cluster in {self.data}:\n{result.stderr.strip()}")

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        if self.root.exists():
            log(f"WARNING: could not remove {self.root}")


# --------------------------------------------------------------------------- command


def _raise_terminated(signum: int, _frame: FrameType | None) -> None:
    raise Terminated(signum)


def install_signal_handlers() -> None:
    signal.signal(signal.SIGTERM, _raise_terminated)
    signal.signal(signal.SIGHUP, _raise_terminated)


def ignore_signals() -> None:
    """A second Ctrl-C/SIGTERM must not interrupt cleanup."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_IGN)


def exit_code(returncode: int) -> int:
    """Map subprocess return codes (negative = killed by signal) to shell-style codes."""
    return 128 - returncode if returncode < 0 else returncode


def run_command(command: list[str], env: dict[str, str]) -> int:
    """Run the user's command; forward termination signals to it and wait for it."""
    try:
        child = subprocess.Popen(command, env=env)
    except OSError as exc:
        log(f"cannot run {command[0]!r}: {exc}")
        return 127
    try:
        return exit_code(child.wait())
    except (KeyboardInterrupt, Terminated) as exc:
        signum = exc.signum if isinstance(exc, Terminated) else signal.SIGINT
        ignore_signals()
        # Ctrl-C already reached the child through the terminal's process group;
        # sending it again is harmless.  SIGTERM/SIGHUP are forwarded explicitly.
        child.send_signal(signum)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        return 128 + signum


def with_cluster(command: list[str]) -> int:
    bin_dir = locate_or_install_bin_dir()
    cluster: Cluster | None = None
    try:
        cluster = Cluster(bin_dir)
        cluster.init()
        cluster.start()
        cluster.create_database()
        log(
            f"started throwaway {cluster.version()} cluster ({bin_dir}) "
            f"in {cluster.root} on 127.0.0.1:{cluster.port}"
        )
        return run_command(command, {**os.environ, URL_ENV: cluster.url})
    except ClusterError as exc:
        log(f"ERROR: could not set up the throwaway PostgreSQL cluster: {exc}")
        return 1
    except (KeyboardInterrupt, Terminated) as exc:
        signum = exc.signum if isinstance(exc, Terminated) else signal.SIGINT
        log("interrupted; cleaning up")
        return 128 + signum
    finally:
        ignore_signals()
        if cluster is not None:
            cluster.stop()
            cluster.remove()


def parse_command(argv: list[str]) -> list[str]:
    command = argv[1:] if argv[:1] == ["--"] else argv
    if not command:
        print(f"usage: {Path(sys.argv[0]).name} -- COMMAND [ARG ...]", file=sys.stderr)
        sys.exit(2)
    return command


def main() -> int:
    command = parse_command(sys.argv[1:])
    install_signal_handlers()
    if os.environ.get(URL_ENV):
        return run_command(command, dict(os.environ))
    return with_cluster(command)


if __name__ == "__main__":
    sys.exit(main())
