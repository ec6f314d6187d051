"""Entry points and the composition root: the only layer that wires concrete adapters."""
