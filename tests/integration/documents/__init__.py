"""Documents over HTTP against the sandbox: files, notes without files, lead documents, undo."""
