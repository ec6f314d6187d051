"""Columns of a list of people read by what a person list holds (domain.proposal.people.columns)."""
