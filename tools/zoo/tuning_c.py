"""Tuning export, part C: PROCLINICA (Spain) — Spanish headers, semicolons, Windows-1252,
decimal commas, several allergies in one cell."""

from __future__ import annotations

from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

ALERGIAS = ("Penicilina", "Látex", "Frutos secos", "Ibuprofeno", "Polen", "Marisco")
ESTADO = {"completed": "Atendida", "arrived": "En sala", "booked": "Programada",
          "cancelled": "Cancelada", "no_show": "No asistió"}


def _eur(amount: Decimal) -> str:
    return fmt.money(amount, "€", thousands=".", decimal=",", after=True)


def proclinica_es() -> tuple[dict, list[Table]]:
    w = make_world("zoo/proclinica-es", "es", patients=80, providers=3, visits=190)
    rng = w.rng
    es = Layout(encoding="cp1252", delimiter=";")
    ficha = [f"{i + 1:05d}" for i in range(len(w.patients))]
    cols = {
        "Nº ficha": "patient.source_id", "Nombre": "patient.first_name",
        "Apellidos": "patient.last_name", "Fecha de nacimiento": "patient.date_of_birth",
        "Sexo": "patient.sex", "Documento de identidad": "custom", "Autónomo": "custom",
        "Empresa": "custom", "Email": "patient.email", "Teléfono": "patient.phone_mobile",
        "Ciudad": "patient.city", "Dirección": "patient.address_line1",
        "Código postal": "patient.postal_code", "Seguro médico": "drop",
        "Aseguradora": "insurance.carrier_name", "Número de póliza": "insurance.member_id",
        "Alergias": "allergy_condition.name (several per cell; Ninguna means none)",
        "Observaciones": "custom", "Tipo de sangre": "custom",
        "País de residencia": "patient.country", "Fecha de alta": "patient.created_at",
    }
    rows, insured, allergies = [], 0, 0
    for i, p in enumerate(w.patients):
        seguro = rng.random() < .55
        insured += seguro
        n = rng.choice((0, 0, 0, 1, 1, 2))
        allergies += n
        alergias = "; ".join(rng.sample(ALERGIAS, n)) if n else rng.choice(("", "Ninguna",
                                                                           "Ninguna conocida"))
        rows.append([
            ficha[i], p.first, p.last, fmt.dmy(p.dob),
            {"female": "Femenino", "male": "Masculino", "other": "Otro",
             "unknown": "Prefiero no especificar"}[p.sex],
            f"{rng.randrange(10**7, 10**8)}{rng.choice('TRWAGMYFPDXBNJZSQVHLCKE')}",
            rng.choice(("Sí", "No", "No")), "No", p.email,
            f"+34 6{rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)} "
            f"{rng.randrange(10, 99)}",
            rng.choice(("Madrid", "Sevilla", "València", "A Coruña", "Málaga")),
            f"C/ {rng.choice(('Mayor', 'del Sol', 'de Alcalá', 'San Vicente'))}, "
            f"{rng.randrange(1, 90)}, {rng.randrange(1, 6)}º {rng.choice('ABCD')}",
            f"{rng.randrange(1000, 52999):05d}", "Sí" if seguro else "No",
            rng.choice(("Sanitas", "Adeslas", "DKV", "Asisa", "Mapfre")) if seguro else "",
            f"{rng.randrange(10**9, 10**10)}" if seguro else "",
            alergias, rng.choice(("", "", "Prefiere cita de tarde")),
            rng.choice(("A+", "0+", "B-", "")), "España", fmt.dmy(p.created.date())])
    pacientes = Table("Pacientes.csv", "patient", cols, rows,
                      {"patient": len(rows), "insurance": insured,
                       "allergy_condition": allergies},
                      layout=es, notes=["semicolon-separated, Windows-1252 (Excel in Spain)",
                                        "Alergias holds several allergies separated by ';' "
                                        "and words meaning none (Ninguna)",
                                        "insurance rides on the patient row"])
    ap_cols = {"Nº cita": "appointment.source_id", "Nº ficha": "appointment.patient_source_id",
               "Paciente": "drop", "Fecha": "appointment.starts_at (date part)",
               "Hora": "appointment.starts_at (time part)",
               "Duración (min)": "appointment.ends_at (start plus duration in minutes)",
               "Profesional": "appointment.provider_source_id (by name)",
               "Tipo de consulta": "appointment.appointment_type",
               "Estado": "appointment.status", "Importe": "custom"}
    ap_rows = []
    for k, v in enumerate(w.visits):
        p, pr = w.patients[v.patient], w.providers[v.provider]
        ap_rows.append([str(k + 1), ficha[v.patient], f"{p.last}, {p.first}",
                        fmt.dmy(v.start.date()), fmt.time24(v.start), str(v.minutes),
                        f"Dr. {pr.first} {pr.last}", rng.choice(("Primera visita", "Revisión",
                                                                  "Fisioterapia", "Control")),
                        ESTADO[v.status], _eur(money(rng, 90))])
    citas = Table("Citas.csv", "appointment", ap_cols, ap_rows, {"appointment": len(ap_rows)},
                  layout=es, notes=["estados: Programada, En sala, Atendida, Cancelada, "
                                    "No asistió"])
    f_cols = {"Nº factura": "billing.source_id", "Nº ficha": "billing.patient_source_id",
              "Fecha": "custom", "Base imponible": "drop", "IVA": "drop", "Total": "custom",
              "Pendiente": "billing.outstanding_balance", "Estado": "billing.billing_status"}
    f_rows = []
    for k, v in enumerate(w.visits[::2]):
        total = money(rng, 1800)
        pend = total if rng.random() < .2 else Decimal(0)
        f_rows.append([f"{v.start.year}/{k + 1:04d}", ficha[v.patient], fmt.dmy(v.start.date()),
                       _eur(total / Decimal("1.21")), _eur(total - total / Decimal("1.21")),
                       _eur(total), _eur(pend), "Pendiente" if pend else "Pagada"])
    facturas = Table("Facturas 2024-2025.csv", "billing", f_cols, f_rows,
                     {"billing": len(f_rows)}, layout=es,
                     notes=["invoice numbers like 2024/0017", "money as 1.234,50 €",
                            "one billing record per invoice"])
    meta = {"export": "proclinica-es", "vendor": "PROCLINICA", "country": "ES",
            "currency": "EUR", "date_order": "DMY", "half": "tuning"}
    return meta, [pacientes, citas, facturas]

