"""The third hold-out half of the zoo (`holdout3`): six exports built from the vendors' own
documentation, with answer keys written from the builders' declarations before anything of the
engine ran on them; measured once."""

from __future__ import annotations

from tools.zoo.holdout3 import amplimed, clinicminds, dentally, eaglesoft, owl, splose

EXPORTS = {
    "eaglesoft-us": eaglesoft.eaglesoft_us,
    "dentally-uk": dentally.dentally_uk,
    "clinicminds-nl": clinicminds.clinicminds_nl,
    "amplimed-br": amplimed.amplimed_br,
    "owl-ca": owl.owl_ca,
    "splose-au": splose.splose_au,
}
