#!/usr/bin/env python3
"""Quick start without anything but Python 3.11.

    python3.11 dev.py start   # install, migrate, load lessons, seed demo data, serve :5000
    python3.11 dev.py test    # install with the dev extra, run the whole test suite

Standard library only: this runs before any dependency is installed. It keeps
a virtual environment in .venv and reinstalls only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo12345")


def run(*args: str | Path, **env: str) -> None:
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True, env={**os.environ, **env})


def ensure_installed(extra: str | None) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest() + f":{extra}"
    stamp = VENV / ".installed"
    have = stamp.read_text().splitlines() if stamp.exists() else []
    if wanted in have:
        return
    print(f"Installing dependencies{f' [{extra}]' if extra else ''} ...", flush=True)
    target = f".[{extra}]" if extra else "."
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", target)
    stamp.write_text("\n".join([*have, wanted]) + "\n")


def flask(*args: str) -> None:
    run(PYTHON, "-m", "flask", "--app", "jlpt_app", *args)


def start() -> None:
    ensure_installed(None)
    flask("init-db")
    flask("bank", "load")
    flask("seed-demo", "--password", DEMO_PASSWORD)
    print(f"\nOpen http://127.0.0.1:5000 and sign in with a login above; password: {DEMO_PASSWORD}")
    flask("run", "--host", "127.0.0.1", "--port", "5000")


def test(extra_args: list[str]) -> int:
    ensure_installed("dev")
    return subprocess.run([str(PYTHON), "-m", "pytest", *extra_args], cwd=ROOT).returncode


def main() -> None:
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "start":
        start()
    elif command == "test":
        sys.exit(test(rest))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
    except KeyboardInterrupt:
        pass
