"""Clinics of Portugal, Catalonia, the Baltic states, Iceland and the Arabic- and Hebrew-speaking
world, read in their own words: headers, file names, value words, dates, phones and identity
numbers, one clinic (or a pair of neighbours) a file."""
