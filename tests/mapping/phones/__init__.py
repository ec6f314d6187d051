"""Phone numbers: the clinic's country from its numbers, ranges, extensions, leads' phones."""
