"""The second tuning half of the zoo (`tuning2`): six exports built from the vendors' own
documentation, with answer keys written from the builders' declarations before anything of the
engine ran on them; free to tune on, like the first tuning half."""

from __future__ import annotations

from tools.zoo.tuning2 import curve, gentu, intakeq, semble, theranest, xdent

EXPORTS = {
    "curvedental-us": curve.curve_us,
    "semble-uk": semble.semble_uk,
    "theranest-us": theranest.theranest_us,
    "intakeq-ca": intakeq.intakeq_ca,
    "xdent-it": xdent.xdent_it,
    "gentu-au": gentu.gentu_au,
}
