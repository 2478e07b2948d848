"""The hand-written stub matches the extension; the conformance vectors pass."""

from __future__ import annotations

import subprocess
import sys

import conformance


def test_stub_matches_the_extension() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "kcsp._kcsp", "--ignore-missing-stub"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_package_type_checks() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "-p", "kcsp"], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_conformance_vectors() -> None:
    passed, failed, lines = conformance.run()
    assert failed == 0, "\n".join(lines)
    assert passed > 0
