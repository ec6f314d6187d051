"""The eighth hold-out half of the zoo (`holdout8`): six exports of vendors no earlier half
has, with answer keys written from the builders' declarations before anything of the engine
ran on them; measured once, by the lead, at the end."""

from __future__ import annotations

from tools.zoo.holdout8 import amicus, cloudehr, diarium, pps, seriousmd, zedmed

EXPORTS = {
    "diarium-fi": diarium.diarium_fi,
    "amicus-cz": amicus.amicus_cz,
    "cloudehr-hu": cloudehr.cloudehr_hu,
    "zedmed-au": zedmed.zedmed_au,
    "pps-uk": pps.pps_uk,
    "seriousmd-ph": seriousmd.seriousmd_ph,
}
