"""The fourth hold-out half of the zoo (`holdout4`): six exports built from the vendors' own
documentation, with answer keys written from the builders' declarations before anything of the
engine ran on them; measured once, by the lead, at the end."""

from __future__ import annotations

from tools.zoo.holdout4 import carepatron, doctolib, pabau, tebra, theorg, therapynotes

EXPORTS = {
    "therapynotes-us": therapynotes.therapynotes_us,
    "tebra-us": tebra.tebra_us,
    "pabau-uk": pabau.pabau_uk,
    "doctolib-fr": doctolib.doctolib_fr,
    "theorg-de": theorg.theorg_de,
    "carepatron-nz": carepatron.carepatron_nz,
}
