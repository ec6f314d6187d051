"""Read models built from the event log, resumable from a tracking position, rebuilt by replay."""
