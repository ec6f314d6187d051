"""Columns that point at another record: ids, names, charts, sites, referrers."""
