"""Readers of one written value in the clinic's own conventions: amounts of money with the local
currency's sign or word, dates with the month's name in the clinic's language, spreadsheet day
numbers. `domain.records.normalise` puts them behind its parse_* functions.
"""
