"""One module per console page: its view model, its template, its decisions."""
