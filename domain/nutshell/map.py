"""The canonical -> Nutshell default map (design/nutshell-mapping.md): one import for the rest
of the engine. Each concern lives in its own module:

- nutshell_fields:   custom-field catalogue, RUN_ORDER, order_key, custom_field_specs
- nutshell_rollup:   kinds carried as custom fields on the patient's Person
- nutshell_types:    PushContext (what planning asks of the executor), Blocked, Skipped, Built
- nutshell_payloads: People, Companies and Leads built per kind (+ the per-kind dispatcher)
- nutshell_activities: appointments, communications, clinical notes, documents
- nutshell_values:   value encodings (Unix seconds, dates, money, phones)
- nutshell_plan:     Steps for the executor, expectations, placeholder binding
- nutshell_paths:    field paths read from records, JSON Patch for updates and rollback
- nutshell_compare:  normalised field comparison and the three-way delta decision
- nutshell_checks:   owners, plan limits, time estimate, rollback residue
- nutshell_docs:     post-migration Markdown documents
"""

from __future__ import annotations

from domain.nutshell.checks import (
    Finding,
    OwnerResolution,
    activity_type_id,
    estimate_seconds,
    plan_limits,
    request_count,
    residue,
    resolve_owners,
)
from domain.nutshell.compare import FieldComparison, compare, equivalent, three_way
from domain.nutshell.docs import (
    custom_field_checklist,
    operations_guide,
    phi_review_list,
    workflow_rebuild_inventory,
)
from domain.nutshell.fields import (
    CARRIED_BY_PATIENT,
    ENTITY_OF,
    RUN_ORDER,
    cf_types,
    custom_field_specs,
    external_key_name,
    kind_enabled,
    order_key,
)
from domain.nutshell.paths import (
    actual_values,
    inverse_patch,
    is_writable,
    read_paths,
    record_from_values,
    update_ops,
    writable_paths,
)
from domain.nutshell.payloads import Blocked, PushContext, Skipped, carrier_of
from domain.nutshell.plan import RecordPlan, Step, bind, expectations, plan_record
from domain.nutshell.rollup import patient_rollup

__all__ = [
    "Blocked", "CARRIED_BY_PATIENT", "ENTITY_OF", "FieldComparison", "Finding", "OwnerResolution",
    "PushContext", "RUN_ORDER", "RecordPlan", "Skipped", "Step", "activity_type_id",
    "actual_values", "bind", "carrier_of", "cf_types", "compare", "custom_field_checklist",
    "custom_field_specs", "equivalent", "estimate_seconds", "expectations", "external_key_name",
    "inverse_patch", "is_writable", "kind_enabled", "operations_guide", "order_key",
    "patient_rollup", "phi_review_list", "plan_limits", "plan_record", "read_paths",
    "record_from_values", "request_count", "residue", "resolve_owners", "three_way", "update_ops",
    "workflow_rebuild_inventory", "writable_paths",
]
