"""The fifth hold-out half of the zoo (`holdout5`): six exports built from the vendors' own
documentation, with answer keys written from the builders' declarations before anything of the
engine ran on them; measured once, by the lead, at the end."""

from __future__ import annotations

from tools.zoo.holdout5 import bestpractice, cliniccloud, drchrono, miodottore, oscar, tm3

EXPORTS = {
    "drchrono-us": drchrono.drchrono_us,
    "bestpractice-au": bestpractice.bestpractice_au,
    "oscar-ca": oscar.oscar_ca,
    "tm3-uk": tm3.tm3_uk,
    "cliniccloud-es": cliniccloud.cliniccloud_es,
    "miodottore-it": miodottore.miodottore_it,
}
