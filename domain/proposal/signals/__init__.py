"""Evidence beyond the vocabulary and the values, injected by the caller (a port of
domain.ports): the proposal itself never loads a model."""
