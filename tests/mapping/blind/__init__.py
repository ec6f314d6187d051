"""Exports whose headers name nothing (a language the vocabulary lacks): what the values say."""
