"""mkdocs.yml read without running anything, with the position of every setting.

MkDocs reads mkdocs.yml with PyYAML's full loader, so a build constructs any ``!!python/object/apply`` tag and
imports ``hooks:`` files, by MkDocs' design. The commands that build nothing (check, plan, export, the
pre-commit hook) read it here instead: with PyYAML's safe loader, which knows MkDocs' and Material's harmless
tags (``!ENV`` reads a variable, ``!relative`` a folder, both as MkDocs does) and reads ``!!python/name:x`` as
the name ``x``, never imported; any other Python tag is an error at its line. ``INHERIT`` is followed as
MkDocs follows it, only to a file inside the project.

A build reads the file here too, composed and not constructed (no tag runs), for the positions its own
checks report at and to refuse an ``INHERIT`` outside the project before MkDocs opens it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from loopbook.diagnostics import Diagnostics, shown_path

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

CONFIG = "mkdocs.yml"
PYTHON_TAG = "tag:yaml.org,2002:python/"
_INHERIT_DEPTH = 10


class Where(NamedTuple):
    path: str  # as messages show it
    line: int
    col: int


class PythonName(str):
    """What ``!!python/name:x`` names, kept as the text ``x``: check never imports it."""


class _PythonCode(yaml.MarkedYAMLError):
    """A tag that would run Python while the file is read."""


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonName:
    return PythonName(suffix)


def _refuse_python(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise _PythonCode(None, None, f"{tag} runs Python code while mkdocs.yml is read; commands that build nothing read it without "
                      "running anything, so they refuse it (a build runs it, as MkDocs does): use !!python/name: or a plain value",
                      node.start_mark)


class SafeConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader, with the Python tags mkdocs.yml may hold: names kept as text, the rest refused."""


SafeConfigLoader.add_multi_constructor(PYTHON_TAG + "name:", _python_name)
SafeConfigLoader.add_multi_constructor(PYTHON_TAG, _refuse_python)


@dataclass
class ConfigFile:
    """mkdocs.yml as read: its values (for the commands that build nothing), and where each setting is written."""

    data: dict[str, Any] | None
    positions: dict[str, Where] = field(default_factory=dict)  # "site_dir", "theme.custom_dir", "markdown_extensions.toc"


def read_config(root: FsPath, diags: Diagnostics, config: MkDocsConfig | None = None) -> ConfigFile | None:
    """mkdocs.yml (and what it INHERITs) with positions; its values constructed only when `config` (the
    MkDocsConfig they will be loaded into, for !relative) is given. None, with diagnostics, when it cannot be read."""
    return _read(root / CONFIG, root.resolve(), diags, config, 0)


def _read(file: FsPath, root: FsPath, diags: Diagnostics, config: MkDocsConfig | None, depth: int) -> ConfigFile | None:
    shown = shown_path(root, file)
    try:
        text = file.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        diags.error(shown, 1, 1, f"mkdocs: cannot read {shown}: {getattr(e, 'strerror', None) or e}", "mkdocs-config")
        return None
    node, data = _compose(text, shown, diags, config)
    if node is False:
        return None
    positions = _positions(node, shown) if isinstance(node, yaml.MappingNode) else {}
    if data is not None and not isinstance(data, dict):
        diags.error(shown, 1, 1, "mkdocs: the configuration must be a mapping of settings", "mkdocs-config")
        return None
    read = ConfigFile(data if config is not None else None, positions)
    parent = _inherited(node, file, root, diags, config, positions.get("INHERIT"), depth)
    if parent is False:
        return None
    return _merged(parent, read) if parent is not None else read


def _compose(text: str, shown: str, diags: Diagnostics, config: MkDocsConfig | None) -> tuple[Any, Any]:
    """The document's node and, with `config`, its value; (False, None) after reporting an error."""
    from mkdocs.utils.yaml import get_yaml_loader

    loader = get_yaml_loader(SafeConfigLoader, config)(text) if config is not None else yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else {}) if config is not None else None
    except _PythonCode as e:
        diags.error(shown, e.problem_mark.line + 1, e.problem_mark.column + 1, e.problem, "config-code")
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(f"{e.context or ''} {e.problem or ''}".split())
        diags.error(shown, *where, f"mkdocs: {shown} cannot be read: {message}", "mkdocs-config")
    except yaml.YAMLError as e:
        diags.error(shown, 1, 1, f"mkdocs: {shown} cannot be read: {' '.join(str(e).split())}", "mkdocs-config")
    finally:
        loader.dispose()
    return False, None


def _positions(node: yaml.MappingNode, shown: str, prefix: str = "", depth: int = 0) -> dict[str, Where]:
    """Where each setting is written: keys of mappings by dotted path, and the names listed under a key
    (`markdown_extensions.toc`, whether written `- toc` or `- toc: {...}`)."""
    found: dict[str, Where] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        path = f"{prefix}{key.value}"
        found[path] = Where(shown, key.start_mark.line + 1, key.start_mark.column + 1)
        if depth < 3 and isinstance(value, yaml.MappingNode):
            found.update(_positions(value, shown, f"{path}.", depth + 1))
        elif isinstance(value, yaml.SequenceNode):
            for item in value.value:
                named = (item if isinstance(item, yaml.ScalarNode)
                         else item.value[0][0] if isinstance(item, yaml.MappingNode) and item.value else None)
                if isinstance(named, yaml.ScalarNode):
                    found.setdefault(f"{path}.{named.value}", Where(shown, named.start_mark.line + 1, named.start_mark.column + 1))
    return found


def _inherited(node: Any, file: FsPath, root: FsPath, diags: Diagnostics, config: MkDocsConfig | None, where: Where | None,
               depth: int) -> ConfigFile | None | bool:
    """The file named by INHERIT, read the same way; None without one, False after reporting an error."""
    value = next((v for k, v in getattr(node, "value", []) if isinstance(k, yaml.ScalarNode) and k.value == "INHERIT"), None)
    if value is None:
        return None
    where = where or Where(shown_path(root, file), 1, 1)
    if not isinstance(value, yaml.ScalarNode) or not value.value:
        diags.error(*where, "mkdocs: INHERIT names the configuration file to inherit from, e.g. INHERIT: base.yml", "mkdocs-config")
        return False
    parent = (file.parent / value.value).resolve()
    if not parent.is_relative_to(root):
        diags.error(*where, f"INHERIT names {parent}, outside the project; loopbook reads no configuration from outside it", "config-code")
        return False
    if depth >= _INHERIT_DEPTH or not parent.is_file():
        problem = "inherits too deeply (a loop?)" if depth >= _INHERIT_DEPTH else f"names {shown_path(root, parent)}, which does not exist"
        diags.error(*where, f"mkdocs: INHERIT {problem}", "mkdocs-config")
        return False
    read = _read(parent, root, diags, config, depth + 1)
    return read if read is not None else False


def _merged(parent: ConfigFile, child: ConfigFile) -> ConfigFile:
    """A child's settings over its parent's, merged as MkDocs merges them (mappings key by key)."""
    import mergedeep

    data = None
    if child.data is not None and parent.data is not None:
        child.data.pop("INHERIT", None)
        data = mergedeep.merge(parent.data, child.data)
    return ConfigFile(data, {**parent.positions, **child.positions})
