"""People files: person columns, the same person twice, statuses, organisations, empty slots."""
