"""The mapping document as a YAML file (HOME/mapping.yaml) the operator reads and edits.

Saved in the model's field order (files and columns in the order they were proposed, i.e. file
and header order), so the same document always gives the same bytes and a diff of two versions
reads naturally. Comments are welcome on load (YAML ignores them); they are not kept on save.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from pydantic import ValidationError

from domain.errors import SourceError
from domain.mapping import MappingDocument

HEADER = (
    "# clinic2nutshell mapping: per source file its kind and what each column means.\n"
    "# target: <kind>.<field> of the canonical model, or null (then custom_field names the\n"
    "# Nutshell custom field proposed for the column, or null to leave it out of Nutshell;\n"
    "# the value is kept in the record's extra either way). Edit, then `c2n map confirm`.\n"
)


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as blocks; never anchors/aliases (`&id001`) for repeated lists."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_mapping(doc: MappingDocument) -> str:
    body = yaml.dump(doc.to_data(), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)
    return HEADER + body


def parse_mapping(text: str, origin: str = "mapping.yaml") -> MappingDocument:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourceError(f"not valid YAML: {exc}", file=origin) from exc
    if not isinstance(data, dict):
        raise SourceError("a mapping file is a YAML mapping at the top level", file=origin)
    try:
        return MappingDocument.from_data(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
            for e in exc.errors(include_input=False))
        raise SourceError(f"invalid mapping: {problems}", file=origin) from exc


def load_mapping(path: Path) -> MappingDocument:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError(f"cannot read mapping ({type(exc).__name__})", file=path.name) from exc
    return parse_mapping(text, path.name)


def save_mapping(doc: MappingDocument, path: Path) -> None:
    """Writes atomically: a crash leaves the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".mapping-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(dump_mapping(doc))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
