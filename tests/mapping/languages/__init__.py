"""Column and value words of the languages the proposal reads, one clinic a file."""
