"""Files whose headers name nothing (a clinic in a language the vocabulary lacks): the values
decide their ids, their references and their kind; and the field of each column no header
names (domain.proposal.blind.fields)."""
