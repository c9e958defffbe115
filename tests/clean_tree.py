"""A pytest plugin (loaded by tests/conftest.py): the suite leaves the checkout as it found it.

At the end of the session it fails the run when anything under instance/ (the demo database,
the demo organiser's login, the development secret key, mail written without a server) was
added, changed or removed, or when `git status` shows anything new. Tests write into their
tmp_path; the app under test gets an instance folder there (create_app's instance_path).

`git status` is compared only when the tree was clean at the start (CI, `make test` on a
committed tree): while someone is editing, the files they save are not the suite's doing.
"""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTANCE = ROOT / "instance"
# Installs and bytecode, which running Python and `make test` may create.
NOT_THE_SUITES = ("__pycache__/", ".venv/", "node_modules/")


def instance_files() -> dict[str, tuple[int, int]]:
    """Every file under instance/: its size and modification time."""
    found = {}
    for path in INSTANCE.rglob("*") if INSTANCE.exists() else ():
        stat = path.stat()
        found[str(path.relative_to(ROOT))] = (
            (stat.st_size, stat.st_mtime_ns) if path.is_file() else (0, 0)
        )
    return found


def git_status() -> set[str] | None:
    """`git status` lines, ignored files included (None where git cannot say)."""
    try:
        done = subprocess.run(
            ["git", "status", "--porcelain", "--ignored"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return {
        line
        for line in done.stdout.splitlines()
        if not any(part in line[3:] + "/" for part in NOT_THE_SUITES)
        and not line[3:].startswith(str(INSTANCE.relative_to(ROOT)))
    }


def pytest_sessionstart(session):
    """Take the picture the end of the session is compared with."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    status = git_status()
    session.config.stash[BEFORE] = (
        instance_files(),
        status if status is not None and not any(not s.startswith("!!") for s in status) else None,
    )


def pytest_sessionfinish(session):
    """Fail the run, naming the files, when the suite changed the checkout."""
    if BEFORE not in session.config.stash:
        return
    instance_before, status_before = session.config.stash[BEFORE]
    instance_after = instance_files()
    problems = [
        f"instance/ changed: {path}"
        for path in sorted(set(instance_before) | set(instance_after))
        if instance_before.get(path) != instance_after.get(path)
    ]
    if status_before is not None:
        problems += [f"git status: {line}" for line in sorted(git_status() - status_before)]
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "the suite changed the checkout:\n  " + "\n  ".join(problems)
        if reporter is not None:
            reporter.write_sep("=", "checkout not left clean", red=True)
            reporter.write_line(message)
        else:
            print(message)


BEFORE = pytest.StashKey[tuple]()
