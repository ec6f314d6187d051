"""Records of other kinds carried on a row (insurance and referrals on a patient's row): how
many there are and which columns are whose, where no ordinal in the headers says so."""
