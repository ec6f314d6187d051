"""The hold-out half of the zoo: built before the proposer changes were measured on it."""

from tools.zoo import holdout_a, holdout_b, holdout_c

EXPORTS = {
    "openemr-ehi": holdout_a.openemr_ehi,
    "simplepractice-us": holdout_a.simplepractice_us,
    "cliniko-nz": holdout_b.cliniko_nz,
    "dentrix-reports": holdout_b.dentrix_reports,
    "halaxy-nz": holdout_b.halaxy_nz,
    "appointmed-at": holdout_c.appointmed_at,
}
