"""The built wheel is complete: installed outside the repository it finds its models and analyses a report.

CI (`.ci/run`) also installs the wheel with its dependencies into a fresh virtualenv; here, to stay
quick and offline, the wheel is unpacked into a folder that is put first on the path of a child
process started outside the repository, and the dependencies come from the current environment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the project (an in-tree build would leave build/ in the repository)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "nlp", source / "nlp", symlinks=True, ignore=ignore)
    shutil.copytree(REPO / "models", source / "models", ignore=ignore)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(source)],
        capture_output=True, text=True, timeout=600,
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel here (pip needs its build backend from the package index): {built.stderr.strip()[-300:]}")
    (path,) = (work / "dist").glob("govreport-*.whl")
    return path


def test_wheel_carries_every_shipped_model_byte_for_byte(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        shipped = sorted(p for p in (REPO / "models").iterdir() if p.suffix in (".joblib", ".json"))
        assert shipped, "models/ is empty"
        for model in shipped:
            assert f"nlp/models/{model.name}" in names, f"{model.name} is not in the wheel"
            assert archive.read(f"nlp/models/{model.name}") == model.read_bytes()
        assert {"nlp/resources/domain_words.txt", "nlp/resources/stopwords.txt", "nlp/modelfiles/pins.py"} <= names


def test_installed_wheel_analyses_the_example_outside_the_repository(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(REPO / "examples" / "qinghe_culture_tourism_2023.txt", inputs)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PYTHONPATH": str(site)}
    probe = subprocess.run(
        [sys.executable, "-c", "import nlp, nlp.modelfiles.store as m; nlp.load_model(); print(nlp.__file__); print(m.SHIPPED_MODELS)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert probe.returncode == 0, probe.stderr
    module_file, models = probe.stdout.split()
    assert Path(module_file).is_relative_to(site) and Path(models).is_relative_to(site), "the repository's copy was imported"
    run = subprocess.run(
        [sys.executable, "-m", "nlp", "analyze", str(inputs), "--output", str(tmp_path / "out")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    (document,) = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "out" / "reports").glob("*.json")]
    # Labels and boilerplate scores need both shipped models: found through the installed package.
    assert sum(document["label_counts"].values()) > 5
    assert 0.0 <= document["boilerplate_share"] <= 1.0
    assert (tmp_path / "out" / "index.html").exists() and (tmp_path / "out" / "summary.csv").exists()
