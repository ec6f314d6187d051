"""Evidence from a table's rows and from the other tables of one export: ids and references
found by their values (keys), a file's kind from what its rows hold (content)."""
