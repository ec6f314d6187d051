"""Columns of a list of people read by what a person list holds (domain.proposal.people.columns);
a person referred to on one row by name and by number (domain.proposal.people.references)."""
