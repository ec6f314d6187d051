"""Rendering for people: tables, the audit view, status data, self-contained HTML reports.

Imports: domain, projections and the data types services return (plain data in, text or HTML out);
never an adapter, the Engine or the CLI.
"""
