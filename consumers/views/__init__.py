"""Rendering for people: tables, the audit view, status data, self-contained HTML reports.

Imports: domain and projections only (plain data in, text or HTML out); never an adapter or a service.
"""
