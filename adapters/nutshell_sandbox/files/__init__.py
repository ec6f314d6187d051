"""Files (Nutshell's "Working with files"): `routes` serves the upload and download URIs and
applies an edit's file list; `blobs` keeps the bytes."""
