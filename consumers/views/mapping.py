"""How `c2n map propose|show` present a mapping: the `--json` document of
design/operator-interface.md, and a terminal table per file with low-confidence rows
highlighted so the operator knows where to look."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from domain.mapping import ColumnMapping, FileMapping, MappingDocument


def _column_json(column: ColumnMapping) -> dict[str, Any]:
    return {
        "target": column.target,
        "custom_field": column.custom_field,
        "custom_field_type": column.custom_field_type,
        "confidence": round(column.confidence, 3),
        "reasons": list(column.reasons),
        "flagged": column.flagged,
        # the mapping language's column parts, when the column uses them
        **{k: v for k, v in column.model_dump(
            mode="json", include={"values", "format", "split", "fixed"}).items() if v},
    }


def _file_json(fm: FileMapping) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": fm.kind,
        "confidence": round(fm.confidence, 3),
        "reasons": list(fm.reasons),
        "profile": fm.profile,
        "date_order": fm.date_order,
        "columns": {h: _column_json(c) for h, c in fm.columns.items()},
    }
    # the mapping language's file parts, when the file uses them
    out |= {k: v for k, v in fm.model_dump(mode="json", include={
        "combine", "route", "derived_id", "id_prefix", "twin_of", "time_of_day"}).items() if v}
    if fm.key_value is not None:
        out["key_value"] = fm.key_value.model_dump(mode="json")
        out["key_values"] = {name: _column_json(c) for name, c in fm.key_values.items()}
    return out


def flagged_total(doc: MappingDocument) -> int:
    return sum(1 for fm in doc.files.values()
               for c in [*fm.columns.values(), *fm.key_values.values()] if c.flagged)


def mapping_json(doc: MappingDocument) -> dict[str, Any]:
    """The `--json` document: {"files": {name: {"kind", "columns": {header: {...}}, ...}}}."""
    return {
        "files": {name: _file_json(fm) for name, fm in doc.files.items()},
        "flagged": flagged_total(doc),
        "mapping_hash": doc.content_hash(),
        "settings": doc.settings.model_dump(mode="json"),
        "nutshell": {k: v.model_dump(mode="json") for k, v in doc.nutshell.items()},
    }


def _target_text(column: ColumnMapping) -> Text:
    if column.target:
        return Text(column.target)
    if column.custom_field:
        return Text(f"new custom field '{column.custom_field}' ({column.custom_field_type})",
                    style="cyan")
    return Text("left out", style="dim")


def _rows(table: Table, columns: dict[str, ColumnMapping]) -> None:
    for header, column in columns.items():
        style = "bold yellow" if column.flagged else None
        mark = "!" if column.flagged else ""
        table.add_row(Text(mark, style="bold red"), Text(header), _target_text(column),
                      Text(f"{column.confidence:.0%}"), Text("; ".join(column.reasons)),
                      style=style)


def _table(name: str, fm: FileMapping) -> Table:
    title = f"{name}: {fm.kind} ({fm.confidence:.0%})"
    if fm.date_order:
        title += f", dates {fm.date_order}"
    table = Table(title=Text(title), title_justify="left", show_lines=False, expand=False)
    for heading, kwargs in (("", {"width": 1}), ("column", {}), ("maps to", {}),
                            ("conf.", {"justify": "right"}), ("why", {"overflow": "fold"})):
        table.add_column(heading, **kwargs)
    _rows(table, fm.columns)
    if fm.key_value is not None:
        table.add_section()
        _rows(table, fm.key_values)
    return table


def render_mapping(doc: MappingDocument, console: Console) -> None:
    """A table per file; flagged rows (confidence < 0.7, or a lost contest) in yellow."""
    for name, fm in doc.files.items():
        if fm.kind == "fhir" and not fm.columns:
            # resources map by the standard: what each type becomes is shown per type
            console.print(Text(f"{name}: FHIR ({fm.confidence:.0%})", style="bold"))
        else:
            console.print(_table(name, fm))
        for reason in fm.reasons:
            console.print(Text(f"  {reason}", style="dim"))
        if fm.key_value is not None:
            kv = fm.key_value
            console.print(Text(f"  key/value layout: record '{kv.record_column}', name "
                               f"'{kv.name_column}', value '{kv.value_column}'", style="dim"))
    flagged = flagged_total(doc)
    summary = f"{len(doc.files)} files, {flagged} columns flagged for review"
    console.print(Text(summary, style="bold yellow" if flagged else "bold green"))
