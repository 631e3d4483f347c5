"""What the figures were measured on: the machine from /proc, and the versions that matter."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path


def _proc_field(path: str, name: str) -> str:
    try:
        for line in Path(path).read_text("utf-8").splitlines():
            key, _, value = line.partition(":")
            if key.strip() == name:
                return value.strip()
    except OSError:
        pass
    return "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe() -> dict[str, str]:
    mem_kib = _proc_field("/proc/meminfo", "MemTotal").split()[0]
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "CPU": _proc_field("/proc/cpuinfo", "model name"),
        "Cores": f"{usable} usable of {os.cpu_count()}",
        "Memory": f"{int(mem_kib) / 1024 ** 2:.1f} GiB" if mem_kib.isdigit() else "unknown",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "MkDocs": _version("mkdocs"),
        "Material": _version("mkdocs-material"),
        "Jinja2 / Markdown / jsonschema / jsonschema-rs": (f"{_version('jinja2')} / {_version('markdown')} / {_version('jsonschema')} / "
                                                          f"{_version('jsonschema-rs')}"),
    }
