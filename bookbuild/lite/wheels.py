"""Wheels for the browser's Python: the pinned pure-Python ones, PyYAML repacked, and the course package.

Hand-written: the browser needs ``py3-none-any`` wheels for Python 3.14 (Pyodide), which neither pip nor
hatchling produce here offline; jupyterlite's own ``--piplite-wheels`` would serve them only through ``%pip``,
while the course package must import with no install line (see ``bookbuild.lite.runtime``).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path
from typing import Any

from bookbuild import ROOT

LITE_DIR = ROOT / "lite"
WHEELS_TXT = LITE_DIR / "wheels.txt"
WHEEL_CACHE = LITE_DIR / ".wheels"
# Requirement markers as seen by Python running in the browser (for wheels' Requires-Dist lines).
PYODIDE_MARKERS = {
    "python_version": "3.14", "python_full_version": "3.14.2", "sys_platform": "emscripten",
    "platform_system": "Emscripten", "platform_machine": "wasm32", "os_name": "posix",
    "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": "",
}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same sources give byte-identical wheels


class LiteBuildError(RuntimeError):
    """Something the Lite site needs is missing or inconsistent; the message says what to run."""


def canon(name: str) -> str:
    """A distribution name in its canonical form (PEP 503), as lock files key it."""
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(path: Path) -> str:
    """The file's SHA-256 as hex, as lock files and pip's --require-hashes write it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pinned() -> list[tuple[str, str, str]]:
    """``(name, version, sha256)`` for every line of ``lite/wheels.txt``."""
    pins = []
    for number, line in enumerate(WHEELS_TXT.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)\s+--hash=sha256:([0-9a-f]{64})", line)
        if not match:
            raise LiteBuildError(f"{WHEELS_TXT}, line {number}: expected 'name==version --hash=sha256:<64 hex>'")
        pins.append(match.groups())
    return pins


def fetch_pinned(cache: Path = WHEEL_CACHE) -> dict[str, Path]:
    """The pinned files (wheel or source archive) by canonical name; fetched from PyPI only if missing.

    Files are found by hash, so a stale or tampered file in the cache is never used.
    """
    pins = pinned()

    def by_hash() -> dict[str, Path]:
        files = {sha256(p): p for p in cache.glob("*") if p.is_file()} if cache.is_dir() else {}
        return {canon(name): files[digest] for name, _, digest in pins if digest in files}

    found = by_hash()
    if len(found) < len(pins):
        cache.mkdir(parents=True, exist_ok=True)
        # Pure-Python files for the browser's Python: any platform, no ABI, Python 3.14; no dependency
        # resolution (the lock file is the resolution), every file checked against its pinned hash.
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
               "--require-hashes", "--python-version", "3.14", "--platform", "any", "--implementation", "py",
               "--abi", "none", "--dest", str(cache), "-r", str(WHEELS_TXT)]
        result = subprocess.run(cmd, capture_output=True, text=True)
        found = by_hash()
        if result.returncode != 0 or len(found) < len(pins):
            missing = sorted({canon(n) for n, _, _ in pins} - set(found))
            raise LiteBuildError(
                f"could not fetch the JupyterLite wheels {missing} from PyPI into {cache} "
                f"(pip said: {result.stderr.strip()[-800:] or 'nothing'}). Run `python -m bookbuild.lite fetch` "
                "once with network access; later builds use the cache offline."
            )
    return found


def write_wheel(path: Path, files: dict[str, bytes], metadata: str, tag: str = "py3-none-any") -> Path:
    """Write a minimal valid wheel (``files`` maps archive names to contents) with METADATA, WHEEL and RECORD."""
    name, version = path.name.split("-")[:2]
    dist_info = f"{name}-{version}.dist-info"
    files = dict(sorted(files.items()))
    files[f"{dist_info}/METADATA"] = metadata.encode()
    files[f"{dist_info}/WHEEL"] = (
        f"Wheel-Version: 1.0\nGenerator: bookbuild.lite\nRoot-Is-Purelib: true\nTag: {tag}\n"
    ).encode()
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for arcname, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([arcname, f"sha256={digest}", len(data)])
    writer.writerow([f"{dist_info}/RECORD", "", ""])
    files[f"{dist_info}/RECORD"] = record.getvalue().encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as whl:
        for arcname, data in files.items():
            info = zipfile.ZipInfo(arcname, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            whl.writestr(info, data)
    tmp.replace(path)  # atomic: a parallel build never sees half a wheel
    return path


def pyyaml_wheel(sdist: Path, dest_dir: Path) -> Path:
    """Pack the pure-Python ``yaml`` package of a PyYAML source archive into a ``py3-none-any`` wheel."""
    import tarfile

    version = re.search(r"-(\d[^-]*)\.tar\.gz$", sdist.name).group(1)
    files: dict[str, bytes] = {}
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            parts = member.name.split("/")
            # <top>/lib/yaml/<module>.py: the cyaml module imports the C extension and falls back when it is absent
            if member.isfile() and parts[1:3] == ["lib", "yaml"] and member.name.endswith(".py"):
                files["yaml/" + "/".join(parts[3:])] = tar.extractfile(member).read()
    if "yaml/__init__.py" not in files:
        raise LiteBuildError(f"{sdist}: no lib/yaml/__init__.py inside; not a PyYAML source archive?")
    metadata = f"Metadata-Version: 2.1\nName: PyYAML\nVersion: {version}\nRequires-Python: >=3.8\n"
    return write_wheel(dest_dir / f"pyyaml-{version}-py3-none-any.whl", files, metadata)


def course_wheel(dest_dir: Path) -> Path:
    """Build the course package's wheel from ``pyproject.toml`` (packages + force-included data), offline.

    The real build backend (hatchling) would need network access to install itself; this follows the same
    ``[tool.hatch.build.targets.wheel]`` settings, so the data lands where ``russia_syria.data`` looks for it.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    meta, target = project["project"], project["tool"]["hatch"]["build"]["targets"]["wheel"]
    files: dict[str, bytes] = {}

    def add_tree(source: Path, arc_prefix: str) -> None:
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files[f"{arc_prefix}/{path.relative_to(source).as_posix()}"] = path.read_bytes()

    for package in target["packages"]:
        add_tree(ROOT / package, Path(package).name)
    for source, arc_prefix in target.get("force-include", {}).items():
        add_tree(ROOT / source, arc_prefix)
    lines = ["Metadata-Version: 2.1", f"Name: {meta['name']}", f"Version: {meta['version']}",
             f"Summary: {meta.get('description', '')}", f"Requires-Python: {meta.get('requires-python', '')}"]
    lines += [f"Requires-Dist: {req}" for req in meta.get("dependencies", [])]
    name = meta["name"].replace("-", "_")
    return write_wheel(dest_dir / f"{name}-{meta['version']}-py3-none-any.whl", files, "\n".join(lines) + "\n")


def wheel_facts(path: Path) -> dict[str, Any]:
    """Name, version, top-level import names and (browser-evaluated) dependency names of a wheel."""
    from packaging.requirements import Requirement

    with zipfile.ZipFile(path) as whl:
        names = whl.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(whl.read(meta_name).decode())
        top_level = next((n for n in names if n.endswith(".dist-info/top_level.txt")), None)
        if top_level:
            imports = whl.read(top_level).decode().split()
        else:
            imports = sorted({n.split("/")[0].removesuffix(".py") for n in names
                              if (n.count("/") == 1 and n.endswith("/__init__.py")) or
                              (n.count("/") == 0 and n.endswith(".py"))}
                             - {"__init__"})
    depends = []
    for line in meta.get_all("Requires-Dist") or []:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(PYODIDE_MARKERS):
            depends.append(canon(req.name))
    return {"name": canon(meta["Name"]), "version": meta["Version"], "imports": imports, "depends": depends}
