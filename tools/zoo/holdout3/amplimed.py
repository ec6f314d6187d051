"""Amplimed (Brazil, Portuguese): CSV reports, `;`-separated, Windows-1252. The patient's
full name in one column with a social name beside it; CPF and RG; insurance plan (convênio),
plan and card number on the patient's row, where `Particular` means paying privately (no
insurer); allergies as several values in one cell with words meaning "none"; how the patient
heard of the clinic; the chart number (prontuário) apart from the patient code, and the
receivables report naming patients by chart number only; the agenda split over two files (one
per unit) naming patients and professionals by name, with separate date, start and end
columns, lunch blocks and a patient who is no longer registered; clinical records in HTML with
entities; money as `R$ 1.234,56`; a test patient."""

from __future__ import annotations

import base64
from datetime import timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout3.common import (
    BR_DISTRICTS,
    BR_FIRST,
    BR_LAST,
    BR_MIDDLE,
    BR_PLACES,
    BR_STREETS,
    br_phone,
    rename,
)
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

BR = Layout(encoding="cp1252", delimiter=";")
CONVENIOS = (("Particular", ""), ("Particular", ""), ("Unimed", "Unimed Nacional"),
             ("Bradesco Saúde", "Top Nacional"), ("SulAmérica", "Clássico"),
             ("Amil", "Amil 400"), ("Porto Seguro Saúde", "Bronze"))
ALERGIAS = ("Dipirona", "Penicilina", "Látex", "Frutos do mar", "AAS", "Iodo")
NONE_WORDS = ("Nega alergias", "Nenhuma", "Não")
STATUS = {"completed": "Atendido", "arrived": "Em atendimento", "booked": "Confirmado",
          "cancelled": "Desmarcado", "no_show": "Faltou"}
PROCS = ("Consulta", "Retorno", "Sessão de fisioterapia", "Avaliação postural",
         "Acupuntura", "RPG")
UNITS = ("Paulista", "Moema")
NOTAS = ("Paciente refere lombalgia há 3 semanas, pior pela manhã.",
         "Realizada mobilização e liberação miofascial; orientações de postura.",
         "Evolução favorável: dor 3/10 (antes 7/10).",
         "Solicitada ressonância magnética da coluna lombar.")


def _brl(amount: Decimal) -> str:
    return fmt.money(amount, "R$ ", thousands=".", decimal=",")


def _cpf(rng: Any) -> str:
    r = rng.randrange
    return f"{r(100, 999)}.{r(100, 999)}.{r(100, 999)}-{r(10, 99)}"


def amplimed_br() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout3/amplimed-br", "es", patients=98, providers=4, staff=1,
                   visits=230)
    rename(w, BR_FIRST, BR_LAST, BR_PLACES, BR_STREETS, br_phone, BR_MIDDLE)
    rng = w.rng
    codes = [101 + i for i in range(len(w.patients))]
    charts = [f"{(p.created.year % 100):02d}{k + 1:05d}" for k, p in enumerate(w.patients)]
    names = [" ".join(x for x in (p.first, p.middle, p.last) if x) for p in w.patients]
    profs = [f"{'Dra.' if p.first.endswith('a') else 'Dr.'} {p.first} {p.last}"
             for p in w.providers]
    cols = {
        "Código": "patient.source_id", "Prontuário": "patient.chart_number",
        "Nome": "patient.last_name (full name in one column: first name, middle names, "
                "surname)",
        "Nome social": "patient.preferred_name", "CPF": "custom", "RG": "custom",
        "Data de nascimento": "patient.date_of_birth", "Sexo": "patient.sex",
        "Celular": "patient.phone_mobile", "Telefone": "patient.phone_home",
        "E-mail": "patient.email", "CEP": "patient.postal_code",
        "Endereço": "patient.address_line1", "Número": "patient.address_line1 (house "
                                                        "number, after Endereço)",
        "Complemento": "patient.address_line2", "Bairro": "custom", "Cidade": "patient.city",
        "UF": "patient.state",
        "Convênio": "insurance.carrier_name ('Particular' means self-pay: no insurance)",
        "Plano": "insurance.plan_type", "Nº carteirinha": "insurance.member_id",
        "Validade": "insurance.effective_to",
        "Como conheceu a clínica": "referral.referral_type",
        "Alergias": "allergy_condition.name (several in one cell, ','-separated; 'Nega "
                    "alergias', 'Nenhuma', 'Não' mean none)",
        "Observações": "custom", "Cadastrado em": "patient.created_at",
    }
    rows: list[list[Any]] = []
    insured = referred = allergies = 0
    for i, p in enumerate(w.patients):
        conv, plano = rng.choice(CONVENIOS)
        has_ins = conv != "Particular"
        insured += has_ins
        came = rng.choice(("", "", "Indicação de amigo", "Google", "Instagram",
                           "Indicação médica", "Convênio"))
        referred += bool(came)
        picked = rng.sample(ALERGIAS, rng.choice((0, 0, 0, 1, 1, 2)))
        allergies += len(picked)
        street, number = p.line1.rsplit(" ", 1)
        rows.append([
            str(codes[i]), charts[i], names[i], rng.choice(("", "", "", "", "Alex", "Bia")),
            _cpf(rng), f"{rng.randrange(10, 99)}.{rng.randrange(100, 999)}."
            f"{rng.randrange(100, 999)}-{rng.choice('0123456789X')}" if rng.random() < .5
            else "", fmt.dmy(p.dob), {"female": "Feminino", "male": "Masculino"}.get(p.sex, ""),
            p.mobile, p.home, p.email, p.postcode, street, number,
            rng.choice(("", "", "Apto 52", "Bloco B, apto 13", "Casa 2")),
            rng.choice(BR_DISTRICTS), p.city, p.state, conv, plano,
            f"{rng.randrange(10**15, 10**16)}" if has_ins else "",
            f"{rng.randrange(1, 13):02d}/{rng.randrange(2025, 2029)}" if has_ins else "",
            came, ", ".join(picked) if picked else rng.choice(NONE_WORDS + ("", "")),
            rng.choice(("", "", "Prefere atendimento à tarde", "Paciente diabética")),
            p.created.strftime("%d/%m/%Y %H:%M")])
    rows.insert(48, ["999", "0000000", "Paciente Teste", "", "000.000.000-00", "",
                     "01/01/1990", "", "(11) 90000-0000", "", "teste@amplimed.example",
                     "01310-100", "Avenida Paulista", "1000", "", "Bela Vista", "São Paulo",
                     "SP", "Particular", "", "", "", "", "", "Cadastro de teste",
                     "02/03/2020 10:00"])
    # the list was opened and saved again in a spreadsheet: rows of bare separators at the end
    rows += [[""] * len(cols), [""] * len(cols)]
    patients = Table("Pacientes.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": insured, "referral": referred,
                      "allergy_condition": allergies},
                     bad_rows=[{"row": 49, "reason": "test patient (Paciente Teste) created "
                                "to try the system"},
                               *({"row": len(rows) - k, "reason": "empty row (only "
                                  "separators) left at the end by the spreadsheet"}
                                 for k in (1, 0))], layout=BR,
                     notes=["one row, up to four kinds: the patient, the convênio (unless "
                            "Particular), how they heard of the clinic, their allergies",
                            "Validade: month and year the card expires (MM/AAAA)",
                            "Prontuário: the chart number, used by the receivables report"])
    ag_cols = {"Data": "appointment.starts_at (date part)",
               "Início": "appointment.starts_at (time part)",
               "Fim": "appointment.ends_at (time part, on Data)",
               "Paciente": "appointment.patient_source_id (by full name)",
               "Profissional": "appointment.provider_source_id (by name, with Dr./Dra.)",
               "Procedimento": "appointment.appointment_type", "Convênio": "custom",
               "Situação": "appointment.status", "Observação": "appointment.notes",
               "Agendado em": "appointment.created_at"}
    per_unit: dict[str, list[list[str]]] = {u: [] for u in UNITS}
    bad: dict[str, list[dict]] = {u: [] for u in UNITS}
    for k, v in enumerate(w.visits):
        unit = UNITS[0] if v.provider in (0, 1) else UNITS[1]
        table = per_unit[unit]
        end = v.start + timedelta(minutes=v.minutes)
        table.append([fmt.dmy(v.start.date()), fmt.time24(v.start), fmt.time24(end),
                      names[v.patient], profs[v.provider], rng.choice(PROCS),
                      rows[v.patient + (v.patient >= 48)][18], STATUS[v.status],
                      v.note.replace("Running late", "Vai atrasar").replace(
                          "Bring scans", "Trazer exames").replace(
                          "Parking at rear", "Estacionamento no fundo"),
                      (v.start - timedelta(days=9)).strftime("%d/%m/%Y %H:%M")])
        if k % 36 == 7:
            table.append([fmt.dmy(v.start.date()), "12:00", "13:00", "", profs[v.provider],
                          "Bloqueio - Almoço", "", "", "", ""])
            bad[unit].append({"row": len(table), "reason": "lunch block (Bloqueio - Almoço): "
                              "no patient, not an appointment"})
        if k == 101:
            table.append([fmt.dmy(v.start.date()), "17:30", "18:00", "Roberto Nogueira Prado",
                          profs[v.provider], "Consulta", "Particular", "Atendido", "", ""])
            bad[unit].append({"row": len(table), "reason": "orphan: the patient is not in "
                              "Pacientes.csv (record deleted)"})
    agendas = [Table(f"Agendamentos - Unidade {u}.csv", "appointment", ag_cols, per_unit[u],
                     {"appointment": len(per_unit[u]) - len(bad[u])}, bad_rows=bad[u],
                     layout=BR, notes=["one table over two files, one per unit",
                                       "no appointment id; the patient by full name",
                                       "Desmarcado: cancelled; Faltou: no-show"])
               for u in UNITS]
    pr_cols = {"ID": "clinical_note.source_id",
               "Código do paciente": "clinical_note.patient_source_id",
               "Profissional": "clinical_note.author_source_id (by name)",
               "Data do atendimento": "clinical_note.created_at",
               "Tipo": "clinical_note.title",
               "Conteúdo": "clinical_note.body (HTML with entities)"}
    pr_rows: list[list[str]] = []
    for v in w.visits:
        if v.status != "completed" or len(pr_rows) >= 110:
            continue
        a, b = rng.sample(NOTAS, 2)
        html = (f"<p><b>Queixa:</b> {a}</p><p>Conduta: {b}&nbsp;Retorno em 15 dias"
                f" &ndash; reavaliar.</p>")
        html = html.replace("ç", "&ccedil;").replace("ã", "&atilde;").replace("é", "&eacute;")
        if len(pr_rows) == 40:  # a posture photo pasted into the editor: a cell over 128 KB
            photo = base64.b64encode(b"\xff\xd8\xff\xe0" + rng.randbytes(110_000)).decode()
            html += f'<p>Avalia&ccedil;&atilde;o postural:</p><img src="data:image/jpeg;base64,{photo}">'
        pr_rows.append([str(5001 + len(pr_rows)), str(codes[v.patient]), profs[v.provider],
                        (v.start + timedelta(minutes=v.minutes)).strftime("%d/%m/%Y %H:%M"),
                        rng.choice(("Anamnese", "Evolução", "Evolução")), html])
    records = Table("Prontuários.csv", "clinical_note", pr_cols, pr_rows,
                    {"clinical_note": len(pr_rows)}, layout=BR,
                    notes=["HTML with named entities (&ccedil;, &atilde;, &nbsp;)",
                           "record 5041 holds a photo inline as a data URI: a cell over "
                           "128 KB"])
    fi_cols = {"Prontuário": "billing.patient_source_id (by chart number)",
               "Paciente": "drop", "Descrição": "custom", "Vencimento": "drop",
               "Valor": "drop", "Valor recebido": "billing.last_payment_amount",
               "Data do recebimento": "billing.last_payment_date",
               "Saldo": "billing.outstanding_balance", "Situação": "billing.billing_status",
               "Forma de pagamento": "custom"}
    fi_rows = []
    for i in range(0, len(w.patients), 1):
        if rng.random() < .2:
            continue
        due = w.patients[i].created.date() + timedelta(days=rng.randrange(20, 400))
        total = money(rng, 1800) + 80
        state = rng.choice(("Recebido", "Recebido", "Em aberto", "Vencido"))
        got = total if state == "Recebido" else Decimal(0)
        fi_rows.append([charts[i], names[i], rng.choice(("Pacote 10 sessões", "Consulta",
                                                         "Avaliação")), fmt.dmy(due),
                        _brl(total), _brl(got) if got else "",
                        fmt.dmy(due - timedelta(days=2)) if got else "", _brl(total - got),
                        state, rng.choice(("Pix", "Cartão de crédito", "Dinheiro", "Boleto"))])
    receivables = Table("Financeiro - Contas a receber.csv", "billing", fi_cols, fi_rows,
                        {"billing": len(fi_rows)}, layout=BR,
                        notes=["no id of its own; the patient by chart number (Prontuário)",
                               "Recebido: paid; Em aberto: current; Vencido: overdue"])
    pf_cols = {"Nome": "provider.last_name (full name with Dr./Dra. in one column)",
               "Especialidade": "provider.specialty",
               "Conselho": "provider.license_number (council and number)",
               "E-mail": "provider.email", "Celular": "provider.phone"}
    specs = ("Ortopedia", "Fisioterapia", "Fisioterapia", "Acupuntura")
    pf_rows = [[profs[i], specs[i], ("CRM-SP " if i == 0 else "CREFITO-3 ")
                + f"{rng.randrange(10000, 199999)}" + ("" if i == 0 else "-F"),
                f"{p.first.lower()}@clinicavida.example.com.br".replace("ã", "a")
                .replace("í", "i").replace("ã", "a").replace("é", "e").replace("ú", "u"),
                p.mobile] for i, p in enumerate(w.providers)]
    professionals = Table("Profissionais.csv", "provider", pf_cols, pf_rows,
                          {"provider": len(pf_rows)}, layout=BR)
    meta = {"export": "amplimed-br", "vendor": "Amplimed", "country": "BR", "currency": "BRL",
            "date_order": "DMY", "language": "pt", "half": "holdout3"}
    return meta, [patients, *agendas, records, receivables, professionals]
