"""scripts/setup.sh says clearly what is missing on a machine without Python 3.10 or Java."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from bot.settings import ROOT


def _copy_setup(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup.sh", tmp_path / "scripts" / "setup.sh")
    for name in ("requirements.lock", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path / "scripts" / "setup.sh"


def _fake_bin(tmp_path: Path, *tools: str) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in tools:
        real = shutil.which(tool)
        assert real, f"{tool} is needed to run this test"
        (bin_dir / tool).symlink_to(real)
    return bin_dir


def test_missing_python310_is_named_with_how_to_get_it(tmp_path: Path) -> None:
    script = _copy_setup(tmp_path)
    bin_dir = _fake_bin(
        tmp_path, "bash", "java", "ls", "sort", "dirname", "cat", "sha256sum", "cut"
    )
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path / "nopyenv")}
    result = subprocess.run(
        [str(bin_dir / "bash"), str(script)], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "Python 3.10 is required" in result.stderr
    assert "pyenv install 3.10" in result.stderr
    assert not (tmp_path / ".venv").exists()


def test_missing_java_is_named_with_how_to_get_it(tmp_path: Path) -> None:
    script = _copy_setup(tmp_path)
    bin_dir = _fake_bin(tmp_path, "bash", "dirname")
    result = subprocess.run(
        [str(bin_dir / "bash"), str(script)],
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "no Java runtime found" in result.stderr
    assert "default-jre-headless" in result.stderr


def test_installed_environment_is_not_reinstalled() -> None:
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "setup.sh")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ},
    )
    assert result.returncode == 0
    assert "installing" not in result.stdout  # the stamp matched: nothing to do
