"""The in-browser (JupyterLite) copy of the course, built with the book, and the launch links of notebook pages.

Offline here means: nothing but 127.0.0.1. What still needs the network at run time (numpy, pandas,
matplotlib... from cdn.jsdelivr.net) is listed in book/appendices/offline.md; the tests check that only those
URLs are ever asked for.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import urllib.parse
import zipfile
from pathlib import Path

import pytest
import yaml
from bookbuild.lite import runtime, wheels

from conftest import ROOT
from litesite import NOTEBOOK_PAGES, NOTEBOOKS, closure, site_lock

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
CDN = f"https://cdn.jsdelivr.net/pyodide/v{runtime.kernel_pyodide_version()}/full/"
LITE_BUDGET_MB = 50  # measured 41.5 MB (app 22 MB, runtime 13 MB, wheels 6.5 MB); the book itself is separate


# ------------------------------------------------------------------------------------------------ the files
def test_lite_site_is_built_without_source_maps_and_within_budget(site_dir: Path) -> None:
    lite = site_dir / "lite"
    for page in ("index.html", "lab/index.html", "repl/index.html", "jupyter-lite.json"):
        assert (lite / page).is_file(), f"lite/{page} missing from the built site"
    maps = [str(p.relative_to(lite)) for p in lite.rglob("*.map")]
    assert not maps, f"source maps in the Lite site (no_sourcemaps is off?): {maps[:5]}"
    size_mb = sum(p.stat().st_size for p in lite.rglob("*") if p.is_file()) / 1e6
    assert size_mb < LITE_BUDGET_MB, f"Lite site is {size_mb:.1f} MB, budget {LITE_BUDGET_MB} MB"


def test_every_chapter_notebook_is_in_the_lite_site(site_dir: Path) -> None:
    listing = json.loads((site_dir / "lite/api/contents/notebooks/all.json").read_text(encoding="utf-8"))
    listed = sorted(item["name"] for item in listing["content"])
    assert listed == NOTEBOOKS
    for name in NOTEBOOKS:  # the copies are the committed notebooks, byte for byte
        copy = site_dir / "lite/files/notebooks" / name
        assert copy.read_bytes() == (ROOT / "notebooks" / name).read_bytes(), f"{copy} differs from notebooks/{name}"


def test_kernel_uses_the_local_runtime(site_dir: Path) -> None:
    config = json.loads((site_dir / "lite/jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = config["jupyter-config-data"]["litePluginSettings"][runtime.KERNEL_PLUGIN]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    served = site_dir / "lite/static/pyodide"
    for name in runtime.RUNTIME_FILES:
        assert (served / name).read_bytes() == (runtime.PYODIDE_NPM / name).read_bytes(), name
    # everything the kernel loads before the first cell is served locally: it starts with no network
    packages = site_lock(site_dir)
    startup = closure(packages, kernel["loadPyodideOptions"]["packages"])
    remote = sorted(n for n in startup if packages[n]["file_name"].startswith("http"))
    assert not remote, f"kernel start-up would fetch {remote} from the network"


def test_lock_file_entries_point_at_real_files(site_dir: Path) -> None:
    runtime = site_dir / "lite/static/pyodide"
    for name, entry in site_lock(site_dir).items():
        file_name = entry["file_name"]
        if file_name.startswith("http"):
            assert file_name.startswith(CDN), f"{name}: unexpected remote URL {file_name}"
        else:
            wheel = runtime / file_name
            assert wheel.is_file(), f"{name}: {file_name} missing"
            assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"], f"{name}: hash mismatch"


def test_course_package_wheel_carries_the_code_and_every_data_and_quiz_file(site_dir: Path) -> None:
    entry = site_lock(site_dir)["russia-syria-course"]
    assert entry["imports"] == ["russia_syria"]
    assert {"pandas", "pyyaml", "anywidget"} <= set(entry["depends"])
    with zipfile.ZipFile(site_dir / "lite/static/pyodide" / entry["file_name"]) as whl:
        members = set(whl.namelist())
        expected = {f"russia_syria/_data/{p.name}": p for p in (ROOT / "data").iterdir() if p.is_file()}
        expected |= {f"russia_syria/_quizzes/{p.name}": p for p in (ROOT / "quizzes").iterdir() if p.is_file()}
        expected |= {f"russia_syria/{p.relative_to(ROOT / 'src/russia_syria').as_posix()}": p
                     for p in (ROOT / "src/russia_syria").rglob("*.py")}
        missing = sorted(set(expected) - members)
        assert not missing, f"missing from the course wheel: {missing}"
        for arcname, path in expected.items():
            assert whl.read(arcname) == path.read_bytes(), f"{arcname} differs from {path.relative_to(ROOT)}"
        assert any(n.endswith(".dist-info/RECORD") for n in members)


def test_pinned_wheels_match_the_lock_versions_and_the_widget_front_ends(site_dir: Path) -> None:
    packages = site_lock(site_dir)
    for name, version, _ in wheels.pinned():
        assert packages[wheels.canon(name)]["version"] == version
    # the Python side of the widgets must match the front ends the Lite app was built with
    from importlib.metadata import version as installed

    for name in ("ipywidgets", "jupyterlab-widgets", "anywidget"):
        assert packages[name]["version"] == installed(name), f"{name}: lite/wheels.txt pin != installed front end"


# ---------------------------------------------------------------------------------------------- launch links
def _launch_links(page_html: str) -> dict[str, str]:
    links = {}
    for href, label in re.findall(r'<a href="([^"]+)"[^>]*title="(?:Launch on |Launch via )([^"]+)"', page_html):
        links[label] = html.unescape(href)
    return links


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_notebook_page_has_working_launch_links(site_dir: Path, docname: str) -> None:
    page = site_dir / f"{docname}.html"
    links = _launch_links(page.read_text(encoding="utf-8"))
    notebook = f"{docname}.ipynb"
    assert (ROOT / notebook).is_file()
    repo = CONFIG["repository"]["url"].rstrip("/")
    org_repo = urllib.parse.urlparse(repo).path.strip("/")
    branch = CONFIG["repository"]["branch"]

    lite = urllib.parse.urlparse(links["JupyterLite"])
    assert not lite.scheme and not lite.path.startswith("/"), "Lite link must be page-relative (sub-path hosting)"
    target = (page.parent / lite.path).resolve()
    assert target == (site_dir / "lite/lab/index.html").resolve() and target.is_file()
    lite_path = urllib.parse.parse_qs(lite.query)["path"][0]
    assert (site_dir / "lite/files" / lite_path).is_file(), f"Lite link opens {lite_path}, not in the Lite site"

    assert links["Colab"] == f"{CONFIG['launch_buttons']['colab_url']}/github/{org_repo}/blob/{branch}/{notebook}"
    binder = urllib.parse.urlparse(links["Binder"])
    assert f"{binder.scheme}://{binder.netloc}" == CONFIG["launch_buttons"]["binderhub_url"]
    assert binder.path == f"/v2/gh/{org_repo}/{branch}"
    assert urllib.parse.parse_qs(binder.query)["urlpath"] == [f"lab/tree/{notebook}"]

    hub = CONFIG["launch_buttons"].get("jupyterhub_url", "")
    if hub:  # nbgitpuller: the hub clones the repository, then opens the notebook
        query = urllib.parse.parse_qs(urllib.parse.urlparse(links["JupyterHub"]).query)
        assert links["JupyterHub"].startswith(f"{hub.rstrip('/')}/hub/user-redirect/git-pull?")
        assert query["repo"] == [repo] and query["branch"] == [branch]
        assert query["urlpath"] == [f"lab/tree/{org_repo.split('/')[-1]}/{notebook}"]
    else:
        assert "JupyterHub" not in links, "jupyterhub_url is empty, yet a JupyterHub button is shown"


def test_pages_outside_the_lite_site_get_no_lite_button(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        rel = page.relative_to(site_dir).as_posix()
        if rel.startswith(("lite/", "notebooks/")):
            continue
        assert "JupyterLite" not in _launch_links(page.read_text(encoding="utf-8")), rel


def test_binder_configuration_installs_the_course_package() -> None:
    requirements = (ROOT / "binder/requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^\.\s*$", requirements, re.MULTILINE), "binder/requirements.txt must install the repo (.)"


def test_lock_builder_refuses_a_dependency_the_lock_lacks(tmp_path: Path) -> None:
    base = {"packages": {}}
    wheel = wheels.write_wheel(tmp_path / "demo-1.0-py3-none-any.whl", {"demo/__init__.py": b""},
                                    "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: nowhere\n")
    course = wheels.write_wheel(tmp_path / "course-1.0-py3-none-any.whl", {"course/__init__.py": b""},
                                     "Metadata-Version: 2.1\nName: course\nVersion: 1.0\nRequires-Dist: demo\n")
    lock = runtime.build_lock(base, [wheel], course, CDN)  # unknown requirement "nowhere" is dropped
    assert lock["packages"]["course"]["depends"] == ["demo"]
    assert lock["packages"]["demo"]["imports"] == ["demo"]
    base = {"packages": {"x": {"name": "x", "version": "1", "file_name": "x.whl", "depends": ["gone"]}}}
    with pytest.raises(wheels.LiteBuildError, match="x -> gone"):
        runtime.build_lock(base, [wheel], course, CDN)


def test_course_wheel_is_reproducible(tmp_path: Path) -> None:
    first = wheels.course_wheel(tmp_path / "a").read_bytes()
    second = wheels.course_wheel(tmp_path / "b").read_bytes()
    assert first == second


def test_offline_appendix_names_every_package_fetched_from_the_cdn(site_dir: Path) -> None:
    """book/appendices/offline.md must list what `import russia_syria` (and networkx) download at run time."""
    packages = site_lock(site_dir)
    text = (ROOT / "book/appendices/offline.md").read_text(encoding="utf-8").lower()
    remote = {n for n in closure(packages, ["russia-syria-course", "networkx"])
              if packages[n]["file_name"].startswith("http")}
    missing = sorted(n for n in remote if n not in text)
    assert not missing, f"offline.md does not mention these CDN downloads: {missing}"
    assert CDN in (ROOT / "book/appendices/offline.md").read_text(encoding="utf-8")
