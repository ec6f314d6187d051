"""The seventh hold-out half of the zoo (`holdout7`): six exports of vendors no earlier half
has, with answer keys written from the builders' declarations before anything of the engine
ran on them; measured once, by the lead, at the end."""

from __future__ import annotations

from tools.zoo.holdout7 import advancedmd, easypractice, infodoc, medesk, practiceperfect, timely

EXPORTS = {
    "advancedmd-us": advancedmd.advancedmd_us,
    "timely-nz": timely.timely_nz,
    "practiceperfect-ca": practiceperfect.practiceperfect_ca,
    "medesk-uk": medesk.medesk_uk,
    "easypractice-dk": easypractice.easypractice_dk,
    "infodoc-no": infodoc.infodoc_no,
}
