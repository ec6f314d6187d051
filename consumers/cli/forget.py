"""`c2n forget --patient SOURCE_ID --by NAME`: honour an erasure request by crypto-shredding
the patient's record events and raw export rows (consumers.services.forget)."""

from __future__ import annotations

import argparse

from consumers.cli.common import add_json, console, emit_json, open_engine
from consumers.services.forget import forget_patient
from consumers.views.output import plain


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forget", help="destroy a patient's keys: their events become unreadable")
    p.add_argument("--patient", required=True, help="the patient's id in the clinic's export")
    p.add_argument("--by", required=True, help="who asks (recorded in the audit log)")
    add_json(p)
    p.set_defaults(func=forget)


def forget(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        result = forget_patient(engine, args.patient, args.by)
    document = result.to_json()
    if args.json:
        emit_json(document)
        return 0 if result.found else 1
    if not result.found:
        console.print(f"no records of patient {result.patient_ref} in this log")
        return 1
    for run in result.runs:
        state = "already forgotten" if run.already_forgotten else "keys destroyed"
        console.print(f"run {run.run}: patient {result.patient_ref}: {run.records} record "
                      f"streams, {state}; {run.raw_rows_erased} raw rows erased from "
                      f"{run.pages_resealed} pages, {run.page_keys_destroyed} page keys "
                      "destroyed")
    for item in document["raw_rows_shredded"]:
        console.print(f"shredded: raw rows {plain(item['rows'])} of {item['file']}")
    residue = document["not_shredded"]
    for item in residue["raw_rows"]:
        console.print(f"not shredded: raw rows {plain(item['rows'])} of {item['file']} "
                      "(sealed with the master key: re-extract without the patient)")
    for name in residue["unchecked_files"]:
        console.print(f"not searched: {name} (the confirmed mapping does not name it)")
    for item in residue["nutshell"]:
        console.print(f"not shredded: Nutshell {item['entity']} {item['id']} "
                      "(delete it in Nutshell)")
    return 0
