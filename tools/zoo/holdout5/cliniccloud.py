"""Clinic Cloud (Spain, physiotherapy and podiatry centre, Spanish): the contacts, appointments,
invoices and users lists downloaded as Excel, plus the contacts saved again from Excel as CSV
(`;`, Windows code page: a twin). A history number (`Nº Historia`) for each contact; Nombre and
Apellidos apart; DNI/NIE; dates as date cells; mobile and landline; the mutua/aseguradora and
policy number on the contact; `Estado del contacto` with `Potencial` for people who asked but
never came (leads); `Nos conoce por`; `Sí`/`No` consents. Appointments with the date a date
cell and the hour as text, `Realizada`, `Anulada`, `No presentado` and agenda blocks without a
contact. Invoices with amounts as text `1.234,50 €`. Users with their collegiate number."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout4.common import eur_de
from tools.zoo.holdout5.common import ES_PROVINCES, dni, duplicate
from tools.zoo.world import FUNDS, make_world, money
from tools.zoo.writers import Layout, Table

ESTADO = {"completed": ("Realizada",), "arrived": ("En sala de espera",),
          "booked": ("Pendiente", "Confirmada"), "cancelled": ("Anulada",),
          "no_show": ("No presentado",)}
SERVICIOS = ("Fisioterapia - sesión", "Primera visita", "Podología - quiropodia",
             "Estudio de la pisada", "Punción seca", "Revisión")
ESPECIALIDAD = {"Podología - quiropodia": "PODOLOGÍA", "Estudio de la pisada": "PODOLOGÍA"}
NOTAS = {"": "", "Running late": "Llegará tarde", "Bring scans": "Traer pruebas",
         "Parking at rear": "Aparcar en la parte de atrás"}
PAGO = ("EFECTIVO", "TARJETA", "TARJETA", "TALÓN/TRANSFERENCIA")


def cliniccloud_es() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout5/cliniccloud-es", "es", patients=104, providers=3, staff=1,
                   leads=9, visits=230)
    rng = w.rng
    hist = [1001 + i for i in range(len(w.patients))]
    pros = [f"{p.first} {p.last}" for p in w.providers]
    cols = {
        "Nº Historia": "patient.source_id", "Nombre": "patient.first_name",
        "Apellidos": "patient.last_name", "DNI/NIE": "custom",
        "Fecha de nacimiento": "patient.date_of_birth (a date cell; DD/MM/YYYY in the CSV)",
        "Sexo": "patient.sex (Mujer / Hombre)", "Teléfono móvil": "patient.phone_mobile",
        "Teléfono fijo": "patient.phone_home", "Email": "patient.email",
        "Dirección": "patient.address_line1", "Código postal": "patient.postal_code",
        "Población": "patient.city", "Provincia": "patient.state",
        "Mutua/aseguradora": "insurance.carrier_name", "Nº de póliza": "insurance.member_id",
        "Estado del contacto": "patient.status (Potencial routes to lead; Alta: inactive)",
        "Nos conoce por": "custom", "Consentimiento RGPD": "custom",
        "Acepta publicidad": "patient.contact_preference (Sí: email, No: none)",
        "Fecha de alta": "patient.created_at (a date cell; DD/MM/YYYY in the CSV)",
    }
    rows: list[list[Any]] = []
    insured = 0
    mutuas: list[str] = []

    def contact(num: int, p: Any, estado: str, mutua: str) -> list[Any]:
        return [num, p.first, p.last, dni(rng), p.dob,
                "Mujer" if p.sex == "female" else "Hombre" if p.sex == "male" else "",
                p.mobile, p.home, p.email, p.line1, p.postcode, p.city, ES_PROVINCES[p.state],
                mutua, str(rng.randrange(10**8, 10**9)) if mutua else "", estado,
                rng.choice(("Recomendación de otro paciente", "Redes sociales", "Web",
                            "Otro profesional", "")), rng.choice(("Sí", "Sí", "No")),
                rng.choice(("Sí", "No")), p.created.date()]

    for i, p in enumerate(w.patients):
        mutua = rng.choice(FUNDS["es"]) if rng.random() < .4 else ""
        insured += bool(mutua)
        mutuas.append(mutua)
        estado = rng.choices(("En tratamiento", "En valoración", "Alta"), (50, 15, 35))[0]
        rows.append(contact(hist[i], p, estado, mutua))
        if i % 12 == 6 and len(rows) - i <= len(w.leads):
            lead = w.leads[len(rows) - i - 1]
            rows.append(contact(5001 + len(rows) - i, lead, "Potencial", ""))
            rows[-1][4] = None
    leads = sum(1 for r in rows if r[15] == "Potencial")
    rows[40][4] = None
    rows[22][8] = rows[22][8].upper()
    twice = duplicate(rows, 29, 96, {0: 1001 + len(w.patients) + 50, 7: "", 13: "", 14: "",
                                     19: date(2025, 1, 20)},
                      "the same patient created again (same name, DNI and mobile; a new "
                      "history number, no mutua)")
    test = [9999, "PRUEBA", "PRUEBA", "00000000T", date(1900, 1, 1), "", "600000000", "",
            "prueba@example.com", "Calle Prueba 1", "28013", "Madrid", "Madrid", "", "",
            "En tratamiento", "", "No", "No", date(2019, 3, 1)]
    rows.append(test)
    bad = [{"row": len(rows), "reason": "a test contact (PRUEBA PRUEBA, 01/01/1900)"}]
    records = {"patient": len(w.patients), "lead": leads, "insurance": insured}
    routed = {"column": "Estado del contacto", "values": {"Potencial": "lead"},
              "why": "Potencial marks someone who asked but has never been treated: a lead"}
    notes = ["one row, up to two records: the contact and the mutua/aseguradora",
             "DNI/NIE kept as a custom field", "a contact without a date of birth"]
    book = Table("Contactos.xlsx#Contactos", "patient", cols, rows, dict(records),
                 bad_rows=bad, duplicate_rows=[twice], routed=routed, notes=notes)
    csv_rows = [[fmt.dmy(c) if isinstance(c, date) else "" if c is None else str(c) for c in r]
                for r in rows]
    twin = Table("Contactos.csv", "patient", dict(cols), csv_rows, dict(records),
                 bad_rows=[dict(b) for b in bad], duplicate_rows=[dict(twice)],
                 layout=Layout(encoding="cp1252", delimiter=";"), twin_of=book.name,
                 routed=dict(routed),
                 notes=["the same list saved again from Excel as CSV (`;`, Windows code "
                        "page): read once"])
    ci_cols = {"Fecha": "appointment.starts_at (date part, a date cell)",
               "Hora": "appointment.starts_at (time part, HH:MM as text)",
               "Duración (min)": "appointment.ends_at (start plus minutes)",
               "Nº Historia": "appointment.patient_source_id", "Paciente": "drop",
               "Profesional": "appointment.provider_source_id (by name, Nombre Apellido)",
               "Especialidad": "custom", "Servicio": "appointment.appointment_type",
               "Estado": "appointment.status", "Mutua": "custom",
               "Observaciones": "appointment.notes"}
    ci_rows: list[list[Any]] = []
    blocks = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        srv = rng.choice(SERVICIOS)
        ci_rows.append([v.start.date(), fmt.time24(v.start), v.minutes, hist[v.patient],
                        f"{p.first} {p.last}", pros[v.provider],
                        ESPECIALIDAD.get(srv, "FISIOTERAPIA"), srv,
                        rng.choice(ESTADO[v.status]), mutuas[v.patient], NOTAS[v.note]])
        if k % 45 == 12:
            ci_rows.append([v.start.date(), "14:00", 120, None, None, pros[v.provider], None,
                            "BLOQUEO", None, None, "Formación"])
            blocks.append({"row": len(ci_rows), "reason": "an agenda block (BLOQUEO, "
                           "training): no contact"})
    citas = Table("Citas.xlsx#Citas", "appointment", ci_cols, ci_rows,
                  {"appointment": len(w.visits)}, bad_rows=blocks,
                  notes=["Realizada: completed; Anulada: cancelled; No presentado: no-show; "
                         "Pendiente, Confirmada: booked"])
    fa_cols = {"Nº Factura": "billing.source_id", "Fecha": "custom",
               "Nº Historia": "billing.patient_source_id", "Contacto": "drop",
               "Total": "drop", "Cobrado": "billing.last_payment_amount (1.234,50 €)",
               "Pendiente": "billing.outstanding_balance (1.234,50 €)",
               "Forma de pago": "custom",
               "Estado": "billing.billing_status (Cobrada / Parcial / Pendiente)"}
    fa_rows: list[list[Any]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .55:
            continue
        total = Decimal(rng.choice((35, 40, 45, 60))) * rng.randrange(1, 12)
        if rng.random() < .05:
            total += Decimal(1000)
        paid = total if rng.random() < .7 else min(total, money(rng, 80))
        day = (p.created + timedelta(days=rng.randrange(5, 600))).date()
        fa_rows.append([f"{day.year}/{len(fa_rows) + 1:04d}", day, hist[i],
                        f"{p.first} {p.last}", eur_de(total), eur_de(paid), eur_de(total - paid),
                        rng.choice(PAGO), "Cobrada" if paid == total else "Parcial" if paid
                        else "Pendiente"])
    facturas = Table("Facturas.xlsx#Facturas", "billing", fa_cols, fa_rows,
                     {"billing": len(fa_rows)}, notes=["amounts as text `1.234,50 €`"])
    us_cols = {"Nombre": "provider.first_name", "Apellidos": "provider.last_name",
               "Categoría profesional": "provider.role", "Nº colegiado": "provider.license_number",
               "Email": "provider.email", "Teléfono": "provider.phone",
               "Activo": "provider.active (Sí / No)"}
    cats = ("Fisioterapeuta", "Fisioterapeuta", "Podólogo", "Recepción")
    us_rows = [[p.first, p.last, cats[i], str(rng.randrange(1000, 19999)) if i < 3 else "",
                f"{p.first.lower()}@clinicasol.example.es".replace("í", "i").replace("á", "a")
                .replace("ñ", "n").replace("é", "e").replace("ó", "o").replace("ú", "u"),
                p.mobile, "Sí"] for i, p in enumerate(w.providers + w.staff)]
    usuarios = Table("Usuarios.xlsx#Usuarios", "provider", us_cols, us_rows,
                     {"provider": len(us_rows)}, notes=["a receptionist beside clinicians"])
    meta = {"export": "cliniccloud-es", "vendor": "Clinic Cloud", "country": "ES",
            "currency": "EUR", "date_order": "DMY", "language": "es", "half": "holdout5"}
    return meta, [book, twin, citas, facturas, usuarios]
