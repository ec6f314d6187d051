"""The second hold-out half of the zoo (`holdout2`): six exports built from the vendors' own
documentation, with answer keys written before any proposer ran on them; measured once."""

from __future__ import annotations

from tools.zoo.holdout2 import cenplex, coreplus, gensolve, practicebetter, writeupp, zanda

EXPORTS = {
    "practicebetter-ca": practicebetter.practicebetter_ca,
    "zanda-ie": zanda.zanda_ie,
    "gensolve-nz": gensolve.gensolve_nz,
    "cenplex-ch": cenplex.cenplex_ch,
    "writeupp-uk": writeupp.writeupp_uk,
    "coreplus-au": coreplus.coreplus_au,
}
