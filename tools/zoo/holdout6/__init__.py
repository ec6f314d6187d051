"""The sixth hold-out half of the zoo (`holdout6`): six exports built from the vendors' own
documentation, with answer keys written from the builders' declarations before anything of the
engine ran on them; measured once, by the lead, at the end."""

from __future__ import annotations

from tools.zoo.holdout6 import egabinet, goodx, muntra, plato, practo, webpt

EXPORTS = {
    "webpt-us": webpt.webpt_us,
    "goodx-za": goodx.goodx_za,
    "practo-in": practo.practo_in,
    "plato-sg": plato.plato_sg,
    "egabinet-pl": egabinet.egabinet_pl,
    "muntra-se": muntra.muntra_se,
}
