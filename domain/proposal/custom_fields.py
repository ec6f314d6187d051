"""Custom fields the proposal makes: their Nutshell type and a Decision field's choices, and
one spelling per name (Nutshell compares custom-field names without case)."""

from __future__ import annotations

from domain.mapping import KindTarget, MappingDocument
from domain.proposal.profile import ColumnProfile, FileProfile


def custom_field_type(col: ColumnProfile) -> tuple[str, list[str]]:
    """(Nutshell custom field type, choices for a Decision field)."""
    if not col.non_empty:
        return "Text", []
    if col.share_any("date", "datetime") >= 0.8:
        return "Date", []
    if col.share("money") >= 0.8 and col.share("integer") < 0.5:
        return "Currency", []
    numeric = col.share_any("integer", "decimal")
    if col.share("boolean") >= 0.9 or (col.is_enumeration and numeric < 0.9):
        return "Decision", sorted(col.distinct)
    if numeric >= 0.9 and col.unique_ratio < 0.9:
        return "Number", []
    return "Text", []


def nutshell_custom_fields(doc: MappingDocument, name: str, profile: FileProfile) -> None:
    """Custom fields' types, and a Decision field's choices, go into the canonical -> Nutshell
    overrides of the file's kind (a column mapping has no place for choices)."""
    fm = doc.files[name]
    kv_groups = profile.by_value.get(fm.key_value.name_column, {}) if fm.key_value else {}
    value_col = fm.key_value.value_column if fm.key_value else ""
    for source, mappings in (("columns", fm.columns), ("key_values", fm.key_values)):
        for header, mapping in mappings.items():
            if not (mapping.custom_field and mapping.custom_field_type):
                continue
            target = doc.nutshell.setdefault(fm.kind, KindTarget())
            target.custom_field_types[mapping.custom_field] = mapping.custom_field_type
            if mapping.custom_field_type != "Decision":
                continue
            col = (profile.columns.get(header) if source == "columns"
                   else kv_groups.get(header, {}).get(value_col))
            if col is not None:
                target.choices[mapping.custom_field] = custom_field_type(col)[1]


def harmonise_custom_names(doc: MappingDocument) -> list[str]:
    """Custom-field names that differ only in case take the first spelling (Nutshell compares
    names case-insensitively: a second definition is refused with `HTTP 400 fields: name`);
    returns what was renamed, for the reasons."""
    first: dict[str, str] = {}
    renamed: list[str] = []
    for fname, fm in doc.files.items():
        for header, column in [*fm.columns.items(), *fm.key_values.items()]:
            if not column.custom_field:
                continue
            kept = first.setdefault(column.custom_field.casefold(), column.custom_field)
            if kept != column.custom_field:
                column.reasons.append(f"custom field '{column.custom_field}' is spelled "
                                      f"'{kept}' elsewhere: one field, Nutshell ignores case")
                renamed.append(f"{fname}: {header}")
                column.custom_field = kept
    return renamed
