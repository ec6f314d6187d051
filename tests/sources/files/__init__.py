"""Export files opened as they come: CSV, XLSX, text encodings, Windows paths, whole folders."""
