"""A real MariaDB (or MySQL) server for the tests: a data folder initialised in a temporary
folder, the server started on a free loopback port and a private socket, a utf8mb4 database
and a user with a password created, then stopped and removed. Uses Debian's ``mariadb-server``
package (``.ci/run`` installs it); passes ``--user=root`` when the tests run as root, because
the server refuses to run as root otherwise."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pymysql
import sqlalchemy as sa

PACKAGE = "mariadb-server"
USER = "hqdata"
PASSWORD = "s3cret:p@ss/w%rd"  # characters a URL must escape: password_env is really tested
DATABASE = "hqdata"
START_TIMEOUT_S = 60.0
# Debian keeps the server in /usr/sbin, which is not on every user's PATH.
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])


class ServerUnavailable(RuntimeError):
    """No server could be started; the message says why and which package to install."""


@dataclass(frozen=True)
class MySQLServer:
    url: str  # SQLAlchemy URL of USER, with the password
    password: str
    port: int
    socket: Path  # root may connect here without a password

    def admin(self) -> pymysql.connections.Connection:
        """A root connection over the private socket, for setup the test user may not do."""
        return pymysql.connect(unix_socket=str(self.socket), user="root", autocommit=True)


@dataclass(frozen=True)
class _Binaries:
    server: Path
    install_db: Path | None  # MariaDB's script; Oracle MySQL initialises with the server itself
    mariadb: bool


def mysql_binaries() -> _Binaries | None:
    """The installed server and its initialisation script, or None."""
    server = _which("mariadbd", "mysqld")
    if server is None:
        return None
    try:
        version = subprocess.run([str(server), "--version"], capture_output=True, text=True,
                                 timeout=30).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None  # present but not runnable: as good as missing
    return _Binaries(server, _which("mariadb-install-db", "mysql_install_db"), "MariaDB" in version)


def _which(*names: str) -> Path | None:
    for name in names:
        if found := shutil.which(name, path=SEARCH_PATH):
            return Path(found)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_root() -> list[str]:
    return ["--user=root"] if os.geteuid() == 0 else []


def _initialise(bins: _Binaries, data: Path) -> None:
    """An empty data folder whose root has no password (the server listens on loopback only)."""
    if bins.install_db is not None and bins.mariadb:
        command = [str(bins.install_db), "--no-defaults", f"--datadir={data}", *_as_root(),
                   "--auth-root-authentication-method=normal", "--skip-test-db"]  # fmt: skip
    else:
        command = [str(bins.server), "--no-defaults", f"--datadir={data}", *_as_root(),
                   "--initialize-insecure"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise ServerUnavailable(f"initialising a data folder failed: {done.stderr[-2000:]}")


def _start(bins: _Binaries, root: Path, port: int) -> subprocess.Popen[bytes]:
    command = [
        str(bins.server), "--no-defaults", f"--datadir={root / 'data'}", *_as_root(),
        f"--socket={root / 'server.sock'}", f"--port={port}", "--bind-address=127.0.0.1",
        f"--pid-file={root / 'server.pid'}", f"--log-error={root / 'server.log'}",
        "--skip-name-resolve", "--skip-log-bin", "--innodb-flush-log-at-trx-commit=2",
    ]  # fmt: skip
    if not bins.mariadb:
        command.append("--mysqlx=OFF")  # its X protocol port (33060) would clash between runs
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_ready(process: subprocess.Popen[bytes], root: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerUnavailable(f"the server exited at start: {_log_tail(root)}")
        try:
            pymysql.connect(unix_socket=str(root / "server.sock"), user="root").close()
            return
        except pymysql.err.OperationalError:
            time.sleep(0.1)
    raise ServerUnavailable(f"the server did not accept connections: {_log_tail(root)}")


def _log_tail(root: Path) -> str:
    log = root / "server.log"
    return log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"


def _create_database(server: MySQLServer) -> None:
    with server.admin() as con, con.cursor() as cur:
        cur.execute(f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4 "
                    "COLLATE utf8mb4_unicode_ci")  # fmt: skip
        cur.execute(f"CREATE USER '{USER}'@'127.0.0.1' IDENTIFIED BY %s", (PASSWORD,))
        # All privileges: tests also change server variables (SET GLOBAL).
        cur.execute(f"GRANT ALL PRIVILEGES ON *.* TO '{USER}'@'127.0.0.1'")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # a clean shutdown, which takes well under a second
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


@contextmanager
def mysql_server() -> Iterator[MySQLServer]:
    """Start a throwaway server; yield how to reach it. Raises ServerUnavailable, naming the
    package to install, when no server can be started."""
    bins = mysql_binaries()
    if bins is None:
        raise ServerUnavailable(f"MariaDB is not installed (Debian: apt-get install {PACKAGE})")
    root = Path(tempfile.mkdtemp(prefix="hqdata-mysql-"))
    process: subprocess.Popen[bytes] | None = None
    try:
        try:
            _initialise(bins, root / "data")
            port = _free_port()
            process = _start(bins, root, port)
            _wait_ready(process, root)
            server = MySQLServer(pymysql_url(port, PASSWORD), PASSWORD, port,
                                 root / "server.sock")  # fmt: skip
            _create_database(server)
        except (ServerUnavailable, OSError, subprocess.SubprocessError,
                pymysql.err.MySQLError) as exc:  # fmt: skip
            raise ServerUnavailable(f"MariaDB ({PACKAGE}) could not be started: {exc}") from exc
        yield server  # outside the except: a failing test is not a failed start
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(root, ignore_errors=True)


def pymysql_url(port: int, password: str | None) -> str:
    """The test database's SQLAlchemy URL, the password escaped as a URL needs."""
    url = sa.URL.create("mysql+pymysql", USER, password, "127.0.0.1", port, DATABASE)
    return url.render_as_string(hide_password=False)
