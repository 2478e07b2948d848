"""The generated stub is current and matches the extension (stubtest); the
package type-checks; the conformance vectors pass."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import conformance


def test_stub_is_generated_from_the_core() -> None:
    root = Path(__file__).resolve().parents[2]
    r = subprocess.run([sys.executable, str(root / "kcsp-py" / "tools" / "stubgen.py"), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_stub_matches_the_extension() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "kcsp._kcsp", "--allowlist",
         str(Path(__file__).resolve().parents[1] / "tools" / "stubtest-allowlist.txt")],
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
