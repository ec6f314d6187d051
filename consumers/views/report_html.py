"""Self-contained HTML reports (no external assets): the sample diff and the rollback plan.

They show source and Nutshell values side by side, so they are marked as containing PHI and
written into HOME (readable by its owner only)."""

from __future__ import annotations

import html
from typing import Any

import orjson

STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
.phi{background:#b00020;color:#fff;padding:.4rem .8rem;font-weight:bold;display:inline-block}
table{border-collapse:collapse;margin-top:1rem;width:100%}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f0f0f0} tr.bad td{background:#fff3f3} tr.good td{background:#f3fff3}
.controls{margin:1rem 0;display:flex;gap:1rem;align-items:center}
.num{text-align:right} code{font-size:.85rem}
"""

SCRIPT = """
function applyFilters(){
  const kind=document.getElementById('kind').value;
  const only=document.getElementById('only-diff').checked;
  const q=document.getElementById('search').value.toLowerCase();
  let shown=0;
  document.querySelectorAll('tbody tr.row').forEach(tr=>{
    const ok=(kind===''||tr.dataset.kind===kind)&&(!only||tr.dataset.status!=='matched')
      &&(q===''||tr.dataset.field.toLowerCase().includes(q));
    tr.style.display=ok?'':'none'; if(ok) shown++;
  });
  document.getElementById('shown').textContent=shown;
}
document.addEventListener('DOMContentLoaded',()=>{
  ['kind','only-diff','search'].forEach(id=>document.getElementById(id)
    .addEventListener(id==='search'?'input':'change',applyFilters));
  applyFilters();
});
"""


def _e(value: Any) -> str:
    if isinstance(value, str):
        return html.escape(value)
    return html.escape(orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode())


def oracle_html(doc: dict[str, Any]) -> str:
    """The verification from the source: counts first, then every difference with its reason
    class and source cell, then the column ledger."""
    rec = doc["records"]
    counts = ('<table id="from-source-counts"><thead><tr><th>kind</th><th>expected</th>'
              '<th>found</th><th>missing</th><th>differing</th><th>not expected</th></tr>'
              '</thead><tbody>' + "".join(
                  f"<tr><td>{_e(k)}</td><td class=num>{c['expected']}</td>"
                  f"<td class=num>{c['found']}</td><td class=num>{c['missing']}</td>"
                  f"<td class=num>{c['differing']}</td><td class=num>{c['not_expected']}</td></tr>"
                  for k, c in doc["kinds"].items()) + "</tbody></table>")
    diffs = "".join(
        f"<tr><td>{_e(d['record'])}</td><td>{_e(d['reason'])}</td><td>{_e(d['nutshell_field'])}"
        f"</td><td>{_e(d['file'] or '')} {_e(d['row'] or '')} {_e(d['column'] or '')}</td>"
        f"<td>{_e(d['expected'])}</td><td>{_e(d['actual'])}</td></tr>"
        for d in doc["differences"])
    ledger = "".join(
        f'<tr class="{"bad" if line["status"] == "unaccounted" else ""}"><td>{_e(line["file"])}'
        f'</td><td>{_e(line["column"])}</td><td>{_e(line["status"])}</td>'
        f'<td>{_e(line["detail"])}</td><td class=num>{line["filled"]}</td></tr>'
        for line in doc["ledger"])
    reasons = ", ".join(f"{k}: {v}" for k, v in doc["reasons"].items()) or "none"
    not_expected = "; ".join(f"{k}: {v}" for k, v in doc.get("not_expected", {}).items()) \
        or "none"
    groups = "".join(
        f"<tr><td>{_e(g['file'])}</td><td>{_e(g['column'])}</td><td>{_e(g['nutshell_field'])}"
        f"</td><td>{_e(g['reason'])}</td><td class=num>{g['records']}</td></tr>"
        for g in doc.get("by_column", []))
    return (f'<section id="from-source"><h2>From the source: {_e(doc["headline"])}</h2>'
            f'<p id="from-source-figures">records expected <b>{rec["expected"]}</b>, found '
            f'<b>{rec["found"]}</b>, missing <b>{rec["missing"]}</b>, differing '
            f'<b>{rec["differing"]}</b>; unaccounted columns: '
            f'<b id="unaccounted">{doc["unaccounted_columns"]}</b>; differences by reason: '
            f'{_e(reasons)}</p>{counts}<p id="not-expected">Not expected in Nutshell: '
            f'{_e(not_expected)}</p>'
            f'<h3>What to fix: differences by source column</h3><table id="by-column"><thead>'
            f'<tr><th>file</th><th>column</th><th>Nutshell field</th><th>reason</th>'
            f'<th>records</th></tr></thead><tbody>{groups}</tbody></table>'
            f'<h3>Differences ({len(doc["differences"])})</h3><table><thead><tr><th>record</th>'
            f'<th>reason</th><th>Nutshell field</th><th>source file row column</th>'
            f'<th>expected</th><th>in Nutshell</th></tr></thead><tbody>{diffs}</tbody></table>'
            f'<h3>Column ledger</h3><table id="ledger"><thead><tr><th>file</th><th>column</th>'
            f'<th>status</th><th>where / why</th><th>values</th></tr></thead>'
            f'<tbody>{ledger}</tbody></table></section>'
            "<h2>What the engine meant to send, read back</h2>")


def diff_html(title: str, report: dict[str, Any], lead: str = "") -> str:
    kinds = sorted(report["kinds"])
    rows = []
    for kind in kinds:
        for path, slot in sorted(report["kinds"][kind].items()):
            status = "matched" if not (slot["differing"] or slot["missing"]) else "differing"
            examples = "".join(
                f"<div><code>{_e(ex['source_id'])}</code> {_e(ex['status'])}: "
                f"source <b>{_e(ex['expected'])}</b> · Nutshell <b>{_e(ex['actual'])}</b></div>"
                for ex in slot.get("examples", []))
            rows.append(
                f'<tr class="row {"good" if status == "matched" else "bad"}" data-kind="{_e(kind)}" '
                f'data-field="{_e(path)}" data-status="{status}"><td>{_e(kind)}</td>'
                f'<td>{_e(path)}</td><td class="num">{slot["matched"]}</td>'
                f'<td class="num">{slot["differing"]}</td><td class="num">{slot["missing"]}</td>'
                f"<td>{examples}</td></tr>")
    options = "".join(f'<option value="{_e(k)}">{_e(k)}</option>' for k in kinds)
    summary = (f"{report['records']} records compared, {report['records_ok']} identical, "
               f"{report['differing']} field differences, {report['missing_records']} records "
               "missing in Nutshell")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>
<style>{STYLE}</style></head><body>
<div class="phi" id="phi-banner">Contains PHI: source and Nutshell values. Keep within HOME.</div>
<h1>{_e(title)}</h1>
{lead}
<p id="summary">{_e(summary)}</p>
<div class="controls">
 <label>Kind <select id="kind"><option value="">all</option>{options}</select></label>
 <label><input type="checkbox" id="only-diff"> only differences</label>
 <label>Field <input id="search" placeholder="filter fields"></label>
 <span><span id="shown">{len(rows)}</span> rows shown</span>
</div>
<table><thead><tr><th>kind</th><th>field</th><th>matched</th><th>differing</th>
<th>missing</th><th>differing values (source · Nutshell)</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
<script>{SCRIPT}</script></body></html>
"""


def plain_table_html(title: str, headers: list[str], rows: list[list[Any]], note: str,
                     phi: bool = True) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        f'<tr class="row" data-kind="{_e(r[0])}" data-field="{_e(r[1] if len(r) > 1 else "")}" '
        f'data-status="x">' + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    banner = '<div class="phi">Contains PHI</div>' if phi else ""
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{_e(title)}"
            f"</title><style>{STYLE}</style></head><body>{banner}<h1>{_e(title)}</h1>"
            f"<p>{_e(note)}</p><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
            "</table></body></html>")
