"""The ninth hold-out half of the zoo (`holdout9`): six exports of vendors and countries no
earlier half has, five in languages the zoo had none of and four of them in a script other than
Latin, with answer keys written from the builders' declarations before anything of the engine
ran on them; measured once, by the lead, at the end."""

from __future__ import annotations

from tools.zoo.holdout9 import clinics, doctoranytime, ident, medicineone, tipulog, uisarang

EXPORTS = {
    "doctoranytime-gr": doctoranytime.doctoranytime_gr,
    "ident-ru": ident.ident_ru,
    "clinics-jp": clinics.clinics_jp,
    "uisarang-kr": uisarang.uisarang_kr,
    "tipulog-il": tipulog.tipulog_il,
    "medicineone-pt": medicineone.medicineone_pt,
}
