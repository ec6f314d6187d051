"""A clinic's export in one language (or a pair of neighbours), read in its own words: headers,
file names, value words, dates, phones and identity numbers, one clinic a file."""
