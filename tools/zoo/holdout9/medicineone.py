"""Medicine One (Portugal, multi-specialty clinic in Lisbon, European Portuguese): the patient
listing (Listagem de Utentes), the bookings (Marcações), the doctors and the invoices saved as
semicolon CSV in Windows-1252 with the report's title block above the header and a total line
under the listing. The full name in one column, given names then both surnames (`Maria João
Silva Santos`); the file number (Nº Processo), the NIF (nine digits, check mod 11) and the SNS
user number; dates `08-01-2024`, times `09:30`; mobiles `912 345 678`, Lisbon landlines
`21x xxx xxx`; postcodes `1000-138`; the health subsystem or insurer (Entidade: ADSE, Médis,
Multicare, AdvanceCare, SAMS; `Particular` when the patient pays) with the beneficiary number;
doctors with `Dr.`/`Dra.` and their Ordem dos Médicos number (cédula); euros `1.234,50 €`;
yes/no `Sim`/`Não`. Dirty: a patient registered twice, a booking of a file number not in the
listing, a cancelled invoice (Anulada) issued again as a new document."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout9.common import nif_pt, rename_native
from tools.zoo.holdout9.places import PT_FIRST, PT_LAST, PT_PLACES, PT_STREETS, pt_phone
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

STATUS = {"completed": ("Realizada",), "arrived": ("Em espera",),
          "booked": ("Marcada", "Confirmada"), "cancelled": ("Desmarcada",),
          "no_show": ("Faltou",)}
ENTITIES = ("Particular", "Particular", "ADSE", "ADSE", "Médis", "Multicare", "AdvanceCare",
            "SAMS")
SPECIALTIES = ("Medicina Geral e Familiar", "Dermatologia", "Ortopedia", "Pediatria",
               "Medicina Dentária")
ACTS = (("Consulta de especialidade", 60), ("Consulta de seguimento", 45),
        ("Primeira consulta", 70), ("Pequena cirurgia", 120), ("Teleconsulta", 40))


def _eur(amount: Decimal) -> str:
    return fmt.money(amount, "€", thousands=".", decimal=",", after=True)


def _d(day: object) -> str:
    return f"{day:%d-%m-%Y}"


def medicineone_pt() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout9/medicineone-pt", "de", patients=116, providers=5, staff=1,
                   visits=218)
    rename_native(w, PT_FIRST, PT_LAST, PT_PLACES,
                  lambda rng: f"{rng.choice(PT_STREETS)}, {rng.randrange(1, 200)}"
                              f"{rng.choice(('', '', ', 2º Esq.', ', 1º Dto.', ', R/C'))}",
                  pt_phone, ("example.pt", "example.com", "example.org"))
    rng = w.rng
    files = [str(2300 + i * 4) for i in range(len(w.patients))]
    cols = {"Nº Processo": "patient.source_id",
            "Nome": "patient.last_name (full name in one column: given names, then both "
                    "surnames)",
            "Data Nasc.": "patient.date_of_birth (DD-MM-YYYY)", "Sexo": "patient.sex (F / M)",
            "NIF": "custom", "Nº Utente SNS": "custom", "Telemóvel": "patient.phone_mobile",
            "Telefone": "patient.phone_home", "Email": "patient.email",
            "Morada": "patient.address_line1", "Código Postal": "patient.postal_code",
            "Localidade": "patient.city",
            "Entidade": "insurance.carrier_name (Particular: self-paying, none)",
            "Nº Beneficiário": "insurance.member_id",
            "Data Registo": "patient.created_at (DD-MM-YYYY)"}
    rows: list[list[str]] = []
    insured = 0
    entities: list[str] = []
    for i, p in enumerate(w.patients):
        entity = rng.choice(ENTITIES)
        entities.append(entity)
        insured += entity != "Particular"
        rows.append([files[i], f"{p.first} {p.last}", _d(p.dob),
                     "F" if p.sex == "female" else "M", nif_pt(rng) if rng.random() < .9 else "",
                     str(rng.randrange(100000000, 399999999)), p.mobile, p.home,
                     p.email if rng.random() < .7 else "", p.line1, p.postcode, p.city, entity,
                     "" if entity == "Particular" else str(rng.randrange(10**7, 10**9)),
                     _d(p.created.date())])
    twice = duplicate(rows, 23, 91, {0: "9990", 6: "", 14: "02-10-2024"},
                      "the same patient registered again (same name, date of birth and NIF; a "
                      "new file number)")
    listing = Table("Utentes.csv", "patient", cols, rows,
                    {"patient": len(w.patients), "insurance": insured},
                    duplicate_rows=[twice],
                    layout=Layout(encoding="cp1252", delimiter=";",
                                  title=[["Listagem de Utentes"],
                                         ["Clínica Médica Avenidas, Lda."],
                                         ["Emitido em 14-11-2024 18:02"], []],
                                  footer=[[], [f"Total de utentes: {len(rows)}"]]),
                    notes=["NIF: the tax number; Nº Utente SNS: the national health service "
                           "number; both kept as custom"])
    doctors = [f"{'Dra.' if p.sex == 'female' else 'Dr.'} {p.first} {p.last}"
               for p in w.providers]
    dr_cols = {"Código": "provider.source_id",
               "Nome": "provider.last_name (full name with Dr./Dra. in one column)",
               "Especialidade": "provider.specialty",
               "Cédula Profissional": "provider.license_number", "Email": "provider.email",
               "Telemóvel": "provider.phone", "Ativo": "provider.active (Sim / Não)"}
    dr_rows = [[f"M{k + 1:03d}", doctors[k], SPECIALTIES[k], str(rng.randrange(30000, 69999)),
                p.email, p.mobile, "Sim" if k != 3 else "Não"]
               for k, p in enumerate(w.providers)]
    medics = Table("Médicos.csv", "provider", dr_cols, dr_rows, {"provider": len(dr_rows)},
                   layout=Layout(encoding="cp1252", delimiter=";"),
                   notes=["Cédula Profissional: the Ordem dos Médicos number"])
    mk_cols = {"Data": "appointment.starts_at (date part, DD-MM-YYYY)",
               "Hora": "appointment.starts_at (time part, HH:MM)",
               "Duração": "appointment.ends_at (minutes after the start)",
               "Nº Processo": "appointment.patient_source_id", "Utente": "drop",
               "Médico": "appointment.provider_source_id (by name, Dr./Dra. First Last)",
               "Especialidade": "custom", "Ato": "appointment.appointment_type",
               "Entidade": "custom", "Estado": "appointment.status",
               "Observações": "appointment.notes"}
    mk_rows: list[list[str]] = []
    for v in w.visits:
        p = w.patients[v.patient]
        mk_rows.append([_d(v.start.date()), fmt.time24(v.start), str(v.minutes),
                        files[v.patient], f"{p.first} {p.last}", doctors[v.provider],
                        SPECIALTIES[v.provider], rng.choice(ACTS)[0],
                        entities[v.patient],
                        rng.choice(STATUS[v.status]),
                        rng.choice(("", "", "", "Trazer exames", "Pedido via site",
                                    "Reagendada"))])
    mk_rows.insert(140, ["18-06-2024", "15:30", "30", "7777", "Vasco Pereira Nunes",
                         doctors[0], SPECIALTIES[0], "Primeira consulta", "Particular",
                         "Marcada", "Marcação telefónica"])
    bookings = Table("Marcações.csv", "appointment", mk_cols, mk_rows,
                     {"appointment": len(w.visits)},
                     bad_rows=[{"row": 141, "reason": "a booking of a file number not in the "
                                "listing"}],
                     layout=Layout(encoding="cp1252", delimiter=";"),
                     notes=["no id of their own"])
    ft_cols = {"Documento": "billing.source_id", "Data": "custom",
               "Nº Processo": "billing.patient_source_id", "Utente": "drop",
               "Total": "custom", "Valor Pago": "billing.last_payment_amount (1.234,50 €)",
               "Em Dívida": "billing.outstanding_balance (1.234,50 €)",
               "Estado": "billing.billing_status (Paga: paid / Pendente: current; Anulada: "
                         "not a record)"}
    ft_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .5:
            continue
        total = Decimal(rng.choice(ACTS)[1]) * rng.choice((1, 1, 2, 3))
        paid = total if rng.random() < .8 else Decimal(0)
        ft_rows.append([f"FT A/{rng.choice((2023, 2024))}/{300 + len(ft_rows)}",
                        _d(p.created.date() + timedelta(days=rng.randrange(5, 800))), files[i],
                        f"{p.first} {p.last}", _eur(total), _eur(paid), _eur(total - paid),
                        "Paga" if paid else "Pendente"])
    void = list(ft_rows[17])
    void[0], void[5], void[6], void[7] = "FT A/2024/9", _eur(Decimal(0)), _eur(Decimal(0)), \
        "Anulada"
    ft_rows.insert(17, void)
    invoices = Table("Faturas.csv", "billing", ft_cols, ft_rows, {"billing": len(ft_rows) - 1},
                     bad_rows=[{"row": 18, "reason": "a cancelled invoice (Anulada), issued "
                                "again as a new document"}],
                     layout=Layout(encoding="cp1252", delimiter=";"))
    meta = {"export": "medicineone-pt", "vendor": "Medicine One", "country": "PT",
            "language": "pt", "currency": "EUR", "date_order": "DMY", "half": "holdout9"}
    return meta, [listing, medics, bookings, invoices]
