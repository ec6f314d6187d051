"""The vocabulary the mapping proposal reads headers and values with: data only.

Phrases are written as a person would type them; domain.proposal.text normalises both sides the
same way (accents, case, separators, camelCase, abbreviations), so one spelling per idea is
enough and vendor spellings (`HmPhone`, `PatNum`) sit beside English, Spanish, French, German
and Portuguese ones.
"""

from __future__ import annotations

# Token abbreviations expanded before comparison: `Pt DOB` and `Patient Date of Birth` meet.
ABBREVIATIONS: dict[str, str] = {
    "pt": "patient", "pat": "patient", "pnt": "patient", "appt": "appointment",
    "apt": "appointment", "appts": "appointment", "ins": "insurance", "grp": "group",
    "ph": "phone", "tel": "phone", "tele": "phone", "telephone": "phone", "addr": "address",
    "adr": "address", "prov": "provider", "dx": "diagnosis", "num": "number", "no": "number",
    "nbr": "number", "nr": "number", "nro": "number", "dt": "date", "dte": "date",
    "desc": "description", "descr": "description", "amt": "amount", "bal": "balance",
    "pmt": "payment", "pay": "payment", "pymt": "payment", "eff": "effective", "exp": "expiry",
    "mob": "mobile", "hm": "home", "wk": "work", "org": "organization",
    "organisation": "organization", "dept": "department", "qty": "quantity",
    "dr": "doctor", "doc": "document", "docs": "document", "comm": "communication",
    "comms": "communication", "msg": "message", "ref": "referral", "refd": "referred",
    "yr": "year", "mo": "month", "cat": "category", "sz": "size", "dur": "duration",
    "mins": "minutes", "min": "minutes", "ctry": "country", "cntry": "country",
    "st": "state", "stat": "status", "sts": "status", "loc": "location", "rm": "room",
    "pref": "preferred", "prefer": "preferred",
    "cellphone": "cell phone", "fname": "first name", "lname": "last name",
    "mname": "middle name", "mi": "middle initial", "firstname": "first name",
    "lastname": "last name", "zipcode": "zip code",
    "postcode": "postal code", "birthdate": "birth date", "datetime": "date time",
    "emailaddress": "email address", "nm": "name",
    "lic": "license", "licence": "license", "lisc": "license", "spec": "specialty",
    "speciality": "specialty", "carr": "carrier", "sub": "subscriber", "subscr": "subscriber",
    "mbr": "member", "memb": "member", "pol": "policy", "copayment": "copay",
    "curr": "currency", "ccy": "currency", "w": "work", "h": "home", "m": "mobile",
    "enc": "encounter", "ptn": "patient", "cust": "client",
    "customer": "client", "emr": "medical record", "chartno": "chart number",
}

# Words that carry no meaning in a header.
STOPWORDS: frozenset[str] = frozenset({
    "of", "the", "a", "an", "de", "del", "la", "le", "el", "los", "las", "les", "du", "des",
    "da", "do", "dos", "das", "der", "die", "den", "d", "y", "et", "und", "e", "for", "on",
    "in", "at", "to", "is", "au", "em", "en", "von", "vom", "im", "zum", "zur", "su", "sa",
})

# Field-name phrases, whichever kind the field belongs to.
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "source_id": (
        "id", "record id", "identifier", "uid", "guid", "key", "internal id", "system id",
        "unique id", "row id", "external id", "legacy id", "ID interno", "identifiant",
        "Kennung", "identificador",
    ),
    "first_name": (
        "first name", "fname", "given name", "forename", "first", "given", "christian name",
        "name first", "first nm", "nombre", "nombres", "primer nombre", "prénom", "prenom",
        "vorname", "primeiro nome", "nome", "prénom usuel",
    ),
    "middle_name": (
        "middle name", "middle initial", "MiddleI", "middle", "second name", "MI", "MName",
        "segundo nombre", "deuxième prénom", "autres prénoms", "zweiter vorname",
        "nome do meio", "segundo nome",
    ),
    "last_name": (
        "last name", "lname", "surname", "family name", "last", "name last", "apellido",
        "apellidos", "primer apellido", "nom de famille", "nom", "nachname", "familienname",
        "sobrenome", "apelido", "último nome",
    ),
    "preferred_name": (
        "preferred name", "preferred", "nickname", "known as", "preferred first name",
        "alias", "goes by", "aka", "nombre preferido", "apodo", "surnom", "nom d'usage",
        "rufname", "spitzname", "nome preferido", "apelido social", "nome social",
    ),
    "date_of_birth": (
        "date of birth", "dob", "birth date", "birthday", "born", "d.o.b.", "birth dt",
        "fecha de nacimiento", "fecha nacimiento", "f nacimiento", "fec nac", "date de naissance",
        "né le", "date naissance", "geburtsdatum", "geb datum", "geboren am",
        "data de nascimento", "data nascimento", "dt nasc", "Birthdate",
    ),
    "sex": (
        "sex", "gender", "sexo", "género", "genero", "sexe", "genre", "geschlecht",
        "sex at birth", "birth sex", "administrative gender", "gender identity", "m f",
    ),
    "email": (
        "email", "e-mail", "email address", "mail", "e mail address", "correo",
        "correo electrónico", "correo electronico", "courriel", "adresse e-mail",
        "adresse électronique", "e-mail-adresse", "email pessoal", "endereço de email",
        "electronic mail", "EmailAddress", "email addr",
    ),
    "phone_mobile": (
        "mobile", "mobile phone", "cell", "cell phone", "wireless phone", "WirelessPhone",
        "mobile number", "sms number", "mobile no", "cell no", "celular", "móvil", "movil",
        "teléfono móvil", "telefono celular", "portable", "téléphone portable", "tél portable",
        "handy", "handynummer", "mobiltelefon", "mobilnummer", "telemóvel", "telemovel",
        "celular", "mobile phone number", "patient mobile", "sms|0.8",
    ),
    "phone_home": (
        "home phone", "HmPhone", "home tel", "home number", "phone home", "home|0.9",
        "teléfono casa", "telefono fijo", "teléfono fijo", "téléphone domicile",
        "téléphone fixe", "tél domicile", "telefon privat", "festnetz", "privat telefon",
        "telefone residencial", "telefone fixo", "landline", "home ph", "residence phone",
        "evening phone", "phone|0.85",
    ),
    "phone_work": (
        "work phone", "WkPhone", "business phone", "office phone", "work tel", "phone work",
        "work|0.85", "work number", "teléfono trabajo", "telefono oficina", "téléphone travail",
        "téléphone professionnel", "tél bureau", "telefon geschäftlich", "dienstlich",
        "telefone comercial", "telefone trabalho", "daytime phone", "day phone",
    ),
    "phone": (
        "phone", "telephone", "tel", "phone number", "contact number", "work phone|0.9", "teléfono", "telefono",
        "téléphone", "telefon", "telefone", "main phone", "contact phone", "phone no",
        "mobile", "cell", "phone 1", "numéro de téléphone", "telefonnummer",
    ),
    "address_line1": (
        "address", "address 1", "address line 1", "street", "street address", "addr1",
        "address1", "street 1", "mailing address", "street line 1", "line 1", "dirección",
        "direccion", "domicilio", "calle", "adresse", "rue", "adresse ligne 1", "straße",
        "strasse", "anschrift", "straße und hausnummer", "endereço", "endereco", "rua",
        "logradouro", "address street",
    ),
    "address_line2": (
        "address 2", "address line 2", "addr2", "address2", "apt", "suite", "unit",
        "apartment", "street 2", "line 2", "apt suite", "dirección 2", "direccion 2",
        "piso", "complément d'adresse", "adresse ligne 2", "adresszusatz", "complemento",
    ),
    "city": (
        "city", "town", "suburb", "locality", "city town", "ciudad", "localidad", "municipio",
        "población", "ville", "commune", "stadt", "ort", "wohnort", "cidade", "município",
        "municipio",
    ),
    "state": (
        "state", "province", "region", "county", "st", "state province", "state code",
        "provincia", "estado", "comunidad", "région", "département", "departement", "bundesland",
        "uf", "territory", "prov state",
    ),
    "postal_code": (
        "zip", "zip code", "postal code", "post code", "postal", "zip postal", "zip4",
        "código postal", "codigo postal", "cp", "code postal", "postleitzahl", "plz", "cep",
        "post code zip", "postcode",
    ),
    "country": (
        "country", "nation", "country code", "país", "pais", "pays", "land", "staat",
        "country name", "nacionalidad",
    ),
    "contact_preference": (
        "contact preference", "preferred contact", "preferred contact method",
        "PreferContactMethod", "contact method", "communication preference", "reminder type",
        "preferred communication", "reminder preference", "contact by", "preferred method",
        "método de contacto preferido", "medio de contacto", "préférence de contact",
        "mode de contact", "kontaktpräferenz", "bevorzugter kontakt", "contato preferido",
        "preferência de contato", "reminders via", "contact pref",
    ),
    "status": (
        "status", "state of record", "estado", "situación", "statut", "état", "zustand",
        "situação", "record status",
    ),
    "chart_number": (
        "chart number", "chart no", "ChartNumber", "chart", "mrn", "medical record number",
        "record number", "file number", "patient file number", "número de historia",
        "historia clínica", "numéro de dossier", "dossier", "aktennummer", "akte",
        "prontuário", "numero prontuario", "medical record", "hc",
    ),
    "created_at": (
        "created", "created at", "date created", "DateCreated", "created on", "creation date",
        "date added", "added", "date entered", "entered", "SecDateEntry", "create date",
        "added on", "fecha de creación", "fecha alta", "fecha de alta", "date de création",
        "créé le", "erstellt am", "erstellt", "angelegt am", "data de criação",
        "data de cadastro", "SecDateTEntry", "entry date time", "date booked", "booked on",
    ),
    "updated_at": (
        "updated", "updated at", "last updated", "modified", "date modified", "last modified",
        "modified at", "DateTStamp", "SecDateTEdit", "date time stamp", "last changed",
        "changed", "fecha de modificación", "última modificación", "date de modification",
        "modifié le", "geändert am", "letzte änderung", "data de atualização",
        "atualizado em", "timestamp",
    ),
    # insurance
    "carrier_name": (
        "carrier", "carrier name", "CarrierName", "insurance company", "insurer", "payer",
        "payor", "insurance", "insurance name", "insurance carrier", "health fund",
        "payer name", "aseguradora", "compañía de seguros", "obra social", "assureur",
        "mutuelle", "caisse", "versicherung", "krankenkasse", "seguradora", "operadora",
        "convênio", "convenio", "insurance provider", "plan name", "insurer name",
    ),
    "plan_type": (
        "plan type", "PlanType", "coverage type", "insurance type", "policy type", "plan",
        "product", "tipo de plan", "tipo de seguro", "type de contrat", "type d'assurance",
        "tarif", "versicherungsart", "tipo de plano", "plan category",
    ),
    "member_id": (
        "member id", "subscriber id", "SubscriberID", "policy number", "policy no",
        "member number", "insured id", "insurance number", "membership number",
        "insurance id number", "certificate number", "número de afiliado",
        "número de póliza", "numero de poliza", "numéro d'adhérent", "numéro de sécurité sociale",
        "versichertennummer", "carteirinha", "número da carteirinha", "medicare number",
        "medicare", "member no", "insured number", "subscriber number", "policy",
    ),
    "group_number": (
        "group number", "GroupNum", "group no", "group", "group id", "grp no", "group code",
        "employer group", "número de grupo", "numéro de groupe", "gruppennummer",
        "número do grupo", "grp",
    ),
    "copay": (
        "copay", "co-pay", "copayment", "co payment", "copay amount", "copago", "coaseguro",
        "ticket modérateur", "franchise", "zuzahlung", "selbstbeteiligung", "coparticipação",
        "patient portion", "gap",
    ),
    "currency": (
        "currency", "currency code", "moneda", "divisa", "devise", "währung", "moeda", "ccy",
    ),
    "is_primary": (
        "primary", "is primary", "primary insurance", "ordinal", "priority", "coverage order",
        "principal", "primaire", "primär", "primário", "is main", "primary flag",
    ),
    "effective_from": (
        "effective date", "effective from", "DateEffective", "start date", "coverage start",
        "valid from", "eff date", "effective", "begin date", "policy start",
        "fecha de inicio", "vigencia desde", "date d'effet", "date de début", "gültig ab",
        "beginn", "início da vigência", "data de início",
    ),
    "effective_to": (
        "end date", "termination date", "DateTerm", "term date", "expiry", "expiration date",
        "expiry date", "valid to", "valid until", "coverage end", "terminated", "policy end",
        "fecha de fin", "vigencia hasta", "fecha de vencimiento", "date de fin",
        "date d'expiration", "gültig bis", "ablaufdatum", "fim da vigência", "data de término",
    ),
    # insurance verification
    "verified_at": (
        "verified at", "verification date", "date verified", "DateLastVerified",
        "verified on", "eligibility date", "checked on", "last verified", "date checked",
        "fecha de verificación", "date de vérification", "geprüft am", "data de verificação",
    ),
    "payer_response": (
        "payer response", "response", "eligibility response", "response message", "remarks",
        "payer message", "response text", "respuesta", "réponse", "antwort", "resposta",
    ),
    # appointment
    "starts_at": (
        "start", "start time", "starts at", "appointment date", "appointment start",
        "AptDateTime", "date time", "start date time", "scheduled for", "appointment time",
        "appointment datetime", "when", "scheduled", "date", "start datetime", "begin",
        "fecha cita", "fecha y hora", "hora inicio", "inicio", "début", "date du rendez vous",
        "heure de début", "termin", "terminbeginn", "beginn", "data da consulta", "início",
        "horário", "appointment start time",
    ),
    "ends_at": (
        "end", "end time", "ends at", "appointment end", "DateTimeDismissed", "dismissed", "finish", "finish time",
        "end date time", "end datetime", "until", "hora fin", "fin", "heure de fin",
        "fin du rendez vous", "ende", "terminende", "término", "fim", "appointment end time",
    ),
    "appointment_type": (
        "appointment type", "type", "visit type", "service", "treatment", "reason for visit",
        "procedure", "service type", "appointment kind", "consult type", "visit reason",
        "tipo de cita", "tipo de consulta", "motivo", "type de rendez vous", "motif",
        "prestation", "terminart", "behandlung", "leistung", "tipo de atendimento",
        "procedimento", "ProcDescript", "billing item",
    ),
    "location": (
        "location", "room", "operatory", "Op", "chair", "site", "resource", "venue",
        "sala", "consultorio", "sede", "salle", "cabinet", "lieu", "raum", "ort", "standort",
        "praxis", "consultório", "local", "clinic location",
    ),
    "notes": (
        "notes", "note", "comments", "comment", "remarks", "memo", "observations",
        "observaciones", "notas", "comentarios", "remarques", "commentaire", "bemerkungen",
        "anmerkungen", "notiz", "observações", "anotações", "Note",
    ),
    # clinical notes
    "title": (
        "title", "subject", "heading", "note title", "template", "note type", "name",
        "título", "titre", "intitulé", "titel", "überschrift", "assunto",
    ),
    "body": (
        "body", "note", "notes", "content", "text", "note text", "details", "note body",
        "message", "contenido", "texto", "contenu", "texte", "inhalt", "conteúdo",
    ),
    # allergies and conditions
    "kind": (
        "kind", "type", "category", "record type", "allergy or condition", "entry type",
        "tipo", "catégorie", "art", "typ",
    ),
    "name": (
        "name", "description", "allergy", "condition", "problem", "diagnosis", "allergen",
        "substance", "disease", "alert", "medical alert", "allergy name", "condition name",
        "nombre", "alergia", "condición", "enfermedad", "diagnóstico", "allergie", "maladie",
        "diagnose", "krankheit", "alergia", "doença", "problema", "DiseaseName",
    ),
    "code": (
        "code", "icd10", "icd-10", "icd 10 code", "icd code", "snomed", "snomed code",
        "snomed ct", "diagnosis code", "dx code", "code value", "ICD9Code", "ICD10Code",
        "SnomedCode", "código", "code cim", "cim-10", "schlüssel", "cid", "cid-10",
    ),
    "code_system": (
        "code system", "system", "coding system", "terminology", "vocabulary", "code type",
        "sistema de codificación", "système de codage", "kodiersystem", "sistema",
    ),
    "clinical_status": (
        "clinical status", "status", "StatusIsActive", "ProbStatus", "problem status",
        "active", "is active", "condition status", "estado clínico", "statut clinique",
        "klinischer status", "status clínico",
    ),
    "recorded_at": (
        "recorded", "recorded at", "date recorded", "onset", "onset date", "date start",
        "DateStart", "date noted", "diagnosed on", "DateAdverseReaction", "recorded on",
        "date identified", "date", "fecha de registro", "fecha de diagnóstico",
        "date d'enregistrement", "date du diagnostic", "erfasst am", "diagnosedatum",
        "data de registro", "data do diagnóstico",
    ),
    # providers
    "role": (
        "role", "position", "job title", "user type", "staff type", "job",
        "rol", "cargo", "puesto", "rôle", "fonction", "poste", "rolle", "funktion",
        "função", "staff role", "user role",
    ),
    "specialty": (
        "specialty", "specialization", "discipline", "profession", "profession type", "Specialty",
        "especialidad", "spécialité", "fachrichtung", "fachgebiet", "especialidade",
        "practitioner type", "clinical specialty",
    ),
    "credentials": (
        "credentials", "suffix", "designation", "degree", "qualifications", "credential", "post nominals",
        "titles", "titulación", "titre", "titel", "titulação", "qualification",
    ),
    "license_number": (
        "license", "license number", "state license", "StateLicense", "registration number",
        "reg no", "license no", "registration", "ahpra number", "ahpra", "licence",
        "professional license", "número de colegiado", "colegiado", "cédula profesional",
        "numéro rpps", "rpps", "numéro adeli", "approbationsnummer", "lanr", "crm", "cro",
        "license id", "registration id",
    ),
    "npi": (
        "npi", "national provider id", "NationalProvID", "npi number",
        "national provider identifier", "provider npi", "npi no",
    ),
    "active": (
        "active", "is active", "enabled", "current", "activo", "actif", "aktiv", "ativo",
        "status active",
    ),
    # billing
    "outstanding_balance": (
        "balance", "outstanding", "outstanding balance", "amount due", "balance due",
        "BalTotal", "total balance", "owing", "amount owing", "account balance",
        "current balance", "patient balance", "EstBalance", "saldo", "saldo pendiente",
        "deuda", "solde", "solde dû", "montant dû", "offener betrag", "saldo devedor",
        "valor em aberto", "debt",
    ),
    "last_payment_date": (
        "last payment date", "last payment", "date last paid", "last paid", "DateLastPay",
        "last payment on", "date of last payment", "fecha último pago",
        "fecha de último pago", "date dernier paiement", "dernier paiement", "letzte zahlung",
        "letzte zahlung am", "data do último pagamento", "último pagamento",
    ),
    "last_payment_amount": (
        "last payment amount", "amount last paid", "last paid amount", "payment amount",
        "last payment value", "monto último pago", "importe último pago",
        "montant dernier paiement", "letzter zahlbetrag", "valor do último pagamento",
    ),
    "payment_plan": (
        "payment plan", "installment plan", "instalment plan", "PayPlan", "on payment plan",
        "plan de pagos", "plan de pago", "échéancier", "plan de paiement", "ratenplan",
        "ratenzahlung", "plano de pagamento", "parcelamento",
    ),
    "billing_status": (
        "billing status", "account status", "billing type", "BillingType",
        "collection status", "collections status", "statement status", "estado de cuenta",
        "statut de facturation", "rechnungsstatus", "situação financeira",
    ),
    # company
    "parent_source_id": (
        "parent", "parent id", "parent company", "ParentClinicNum", "parent location id",
        "parent organization", "head office",
        "parent clinic", "parent business", "RegionNum", "empresa matriz", "société mère",
        "muttergesellschaft", "empresa mãe",
    ),
    "website": (
        "website", "web", "url", "homepage", "web site", "site web", "sitio web", "página web",
        "webseite", "internetseite", "site", "página",
    ),
    "industry": (
        "industry", "sector", "business type", "practice type", "industria", "sector",
        "secteur", "branche", "setor", "ramo",
    ),
    # referral
    "referral_type": (
        "referral type", "referral source", "source", "referral source type", "source type",
        "referred by type", "how heard", "how did you hear about us", "lead source",
        "heard about us", "marketing source", "referral category", "tipo de referencia", "origen",
        "type de recommandation", "provenance", "überweisungsart", "quelle",
        "tipo de indicação", "origem", "referral",
    ),
    "referrer_name": (
        "referrer", "referrer name", "referred by", "referring doctor", "referring physician",
        "referring provider", "referral name", "referring practitioner", "referrer full name",
        "referente", "médico remitente", "remitido por", "médecin prescripteur",
        "adressé par", "überweiser", "überwiesen von", "encaminhado por", "indicado por",
    ),
    "referred_at": (
        "referral date", "date referred", "referred on", "RefDate", "referred at",
        "date of referral", "fecha de referencia", "fecha de derivación", "date d'envoi",
        "date de recommandation", "überweisungsdatum", "data de encaminhamento",
    ),
    # lead
    "interest": (
        "interest", "interested in", "service of interest", "enquiry", "inquiry",
        "reason for enquiry", "enquiry type", "service interest", "treatment interest",
        "interés", "servicio de interés", "intérêt", "interesse", "anliegen", "interesse em",
    ),
    # communication
    "channel": (
        "channel", "mode", "Mode_", "type|0.85", "medium", "method", "communication type",
        "contact type", "comm type", "canal", "via", "kanal", "medio", "moyen",
    ),
    "direction": (
        "direction", "sent or received", "SentOrReceived", "inbound outbound", "in out",
        "incoming outgoing", "in or out", "sens", "richtung", "sentido", "entrada salida",
    ),
    "occurred_at": (
        "date", "date time", "CommDateTime", "occurred at", "sent at", "timestamp", "when",
        "occurred", "contact date", "communication date", "sent", "date sent", "received at", "fecha",
        "fecha y hora", "date de l'échange", "datum", "zeitpunkt", "data", "data e hora",
    ),
    "duration_minutes": (
        "duration", "minutes", "length", "duration minutes", "call length", "call duration",
        "duración", "minutos", "durée", "dauer", "minuten", "duração", "length minutes",
    ),
    "subject": (
        "subject", "topic", "title", "regarding", "re", "asunto", "tema", "objet", "sujet",
        "betreff", "thema", "assunto",
    ),
    # document
    "filename": (
        "file name", "filename", "file", "document name", "attachment", "attachment name",
        "FileName", "nombre de archivo", "archivo", "nom du fichier", "fichier", "dateiname",
        "datei", "nome do arquivo", "arquivo", "document file",
    ),
    "content_type": (
        "content type", "mime type", "mime", "file type", "format", "media type",
        "tipo de archivo", "type de fichier", "dateityp", "tipo de arquivo", "ImgType",
    ),
    "size_bytes": (
        "size", "file size", "bytes", "size bytes", "size in bytes", "length bytes",
        "tamaño", "taille", "größe", "dateigröße", "tamanho",
    ),
    "sha256": ("sha256", "hash", "checksum", "sha-256", "digest", "file hash", "sha"),
    "description": (
        "description", "title", "caption", "document title", "Description", "label",
        "descripción", "libellé", "beschreibung", "bezeichnung", "descrição",
    ),
    "category": (
        "category", "doc category", "DocCategory", "document type", "folder", "doc type",
        "document category", "tipo de documento", "categoría", "catégorie",
        "type de document", "kategorie", "dokumenttyp", "categoria", "tipo de documento",
    ),
    "path": (
        "path", "file path", "storage path", "ImgFolder", "image folder", "url", "location", "file location", "link",
        "ruta", "chemin", "pfad", "speicherort", "caminho",
    ),
    "phi_review": (
        "phi review", "phi", "contains phi", "review status", "privacy review",
        "phi status", "needs review", "sensitive",
    ),
}

# Phrases that belong to a field of one kind only (the generic list above is shared).
KIND_FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "patient.status": (
        "patient status", "PatStatus", "active", "is active", "archived", "estado del paciente",
        "statut du patient", "patientenstatus", "status do paciente",
    ),
    "appointment.status": (
        "appointment status", "AptStatus", "appt status", "booking status", "attendance",
        "outcome", "arrival status", "confirmed", "estado de la cita", "statut du rendez vous",
        "terminstatus", "status da consulta", "cancelled", "did not arrive",
    ),
    "insurance_verification.status": (
        "verification status", "eligibility status", "eligibility", "verified", "result",
        "estado de verificación", "statut de vérification", "prüfstatus",
    ),
    "lead.status": (
        "lead status", "stage", "pipeline stage", "enquiry status", "funnel stage",
        "estado del prospecto", "étape", "phase",
    ),
    "lead.referral_type": ("lead source", "source", "channel", "campaign", "how heard"),
    "lead.phone": ("mobile", "cell", "phone mobile"),
    "provider.phone": ("mobile", "work phone", "direct line"),
    "company.name": (
        "business name", "clinic name", "company", "company name", "organization",
        "organization name", "practice name", "location name", "account name", "Description",
        "Abbr", "display name", "nombre comercial", "razón social", "raison sociale",
        "nom commercial", "firmenname", "praxisname", "razão social", "nome fantasia",
    ),
    "company.phone": ("business phone", "office phone", "main phone", "front desk phone"),
    "company.email": ("business email", "office email", "contact email"),
    "clinical_note.created_at": ("date", "note date", "entry date", "ProcDate", "date of service"),
    "communication.body": ("Note", "notes", "details", "summary"),
    "referral.notes": ("reason", "referral reason", "reason for referral", "motivo"),
    "document.created_at": ("date", "document date", "uploaded", "uploaded at", "date uploaded"),
    "billing.currency": ("currency",),
    "billing.source_id": ("Guarantor", "account number", "account id", "account"),
    "clinical_note.title": ("ProcDescript", "procedure", "note name", "template name"),
    "insurance_verification.payer_response": ("note", "notes", "comments"),
    "allergy_condition.recorded_at": ("created at|0.9", "created|0.9", "entered|0.9"),
    "allergy_condition.kind": ("DiseaseType", "alert type", "type"),
    "allergy_condition.name": ("DiseaseDefName", "description"),
    "communication.subject": ("CommType", "category", "topic"),
    "provider.active": ("ProvStatus", "status", "IsHidden", "hidden", "archived", "inactive"),
    "provider.role": ("ProvType", "staff type", "provider type"),
    "insurance.member_id": ("health fund member number", "insurance member id",
                            "health fund number"),
    "provider.credentials": ("Suffix", "title"),
    "insurance.plan_type": ("GroupName", "plan name", "plan description"),
}

# Phrases naming a record of one kind: its own `source_id`, or a `*_source_id` pointing at it.
ENTITY_ID_SYNONYMS: dict[str, tuple[str, ...]] = {
    "patient": (
        "patient id", "patient", "PatNum", "pt id", "patient number|0.9", "patient no|0.9",
        "client id", "client", "client number", "patient key", "patient code", "person id",
        "id paciente", "paciente", "numéro patient", "id patient",
        "patienten id", "patientennummer", "id do paciente", "patient ref", "PatientID",
    ),
    "provider": (
        "provider id", "provider", "ProvNum", "practitioner id", "practitioner", "doctor id",
        "doctor", "clinician id", "clinician", "staff id", "staff", "user id", "user", "UserNum",
        "employee id", "dentist", "therapist", "physician", "hygienist", "ProvHyg",
        "professional", "profesional", "médico", "praticien", "médecin", "arzt", "behandler",
        "profissional", "dentista", "practitioner name", "provider name",
    ),
    "company": (
        "company id", "clinic id", "ClinicNum", "business id", "location id", "practice id",
        "organization id", "site id", "branch id", "clinic", "business", "practice",
        "branch", "clínica", "clinica", "cabinet", "praxis", "unidade", "office",
    ),
    "appointment": (
        "appointment id", "AptNum", "appointment", "booking id", "booking", "visit id",
        "visit", "encounter id", "encounter", "cita", "id cita", "rendez vous", "termin id",
        "consulta", "appointment ref",
    ),
    "insurance": (
        "insurance id", "PlanNum", "InsSubNum", "PatPlanNum", "coverage id", "health fund id",
        "insurance plan id", "plan id", "insurance plan", "insurance policy id", "policy ref",
    ),
    "clinical_note": ("note id", "NoteNum", "ProcNoteNum", "progress note id", "treatment note id", "note"),
    "allergy_condition": (
        "AllergyNum", "DiseaseNum", "allergy id", "condition id", "problem id", "alert id",
    ),
    "billing": ("account id", "billing id", "invoice id", "statement id", "account number"),
    "referral": ("referral id", "RefAttachNum", "referral number"),
    "lead": ("lead id", "ProspectNum", "enquiry id", "inquiry id", "prospect id", "lead number"),
    "communication": ("CommlogNum", "communication id", "message id", "log id", "comm id"),
    "document": ("DocNum", "document id", "attachment id", "file id", "doc id"),
    "insurance_verification": ("verification id", "InsVerifyNum", "eligibility id", "check id"),
}

# Extra phrases of reference fields beyond the kind they point at.
REFERENCE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "primary_provider_source_id": (
        "PriProv", "primary provider", "primary practitioner", "primary doctor", "gp", "pcp",
        "primary care provider", "default practitioner", "usual provider", "médico de cabecera",
        "médecin traitant", "hausarzt", "médico de família", "preferred practitioner",
    ),
    "author_source_id": ("author", "written by", "created by", "signed by", "autor", "auteur",
                         "verfasser", "entered by"),
    "staff_source_id": ("handled by", "sent by", "logged by", "employee", "agent", "staff member",
                        "operator", "user", "UserNum"),
    "referrer_provider_source_id": ("referring provider id", "referrer id", "ReferralNum", "ReferralProvNum",
                                    "referring clinician id",
                                    "referrer provider id", "referring practitioner id"),
    "referrer_company_source_id": ("referring practice id", "referring clinic id", "ReferralClinicNum",
                                   "referring location id", "referring business id",
                                   "referrer organization id", "referring organization"),
    "parent_source_id": ("parent",),
}

# Words in file names that say which kind the file holds.
KIND_NAME_SYNONYMS: dict[str, tuple[str, ...]] = {
    "patient": ("patient", "patients", "client", "clients", "paciente", "patienten", "person",
                "demographics", "pat", "patient list", "people", "contacts", "patfield"),
    "insurance": ("insurance", "insplan", "ins plan", "carrier", "coverage", "patplan",
                  "inssub", "policy", "plan", "seguro", "assurance", "versicherung", "payer",
                  "insurance policies", "health fund"),
    "insurance_verification": ("insurance verification", "insverify", "eligibility",
                               "insurance check",
                               "verification", "benefits check", "eligibility check"),
    "appointment": ("appointment", "appt", "booking", "schedule", "visit", "cita",
                    "rendez vous", "termin", "agendamento", "consulta", "encounter", "diary"),
    "clinical_note": ("clinical note", "treatment note", "progress note", "procnote",
                      "chart note", "soap", "nota clinica", "note", "case note"),
    "allergy_condition": ("allergy", "condition", "problem", "disease", "problem list",
                          "medical alert", "diagnosis", "alergia", "medical history", "alert",
                          "health history"),
    "provider": ("provider", "practitioner", "staff", "user", "doctor", "clinician",
                 "employee", "profesional", "praticien", "userod", "team"),
    "billing": ("billing", "balance", "account", "invoice", "payment", "statement", "ledger",
                "aging", "facturacion", "facture", "receivable"),
    "company": ("clinic", "business", "location", "company", "organization", "practice",
                "site", "branch", "empresa", "office"),
    "referral": ("referral", "refattach", "referrer", "derivacion", "referral source"),
    "lead": ("lead", "enquiry", "inquiry", "prospect", "waitlist", "web lead", "opportunity"),
    "communication": ("communication", "commlog", "message", "call", "sms log",
                      "contact log", "correspondence", "email log", "call log"),
    "document": ("document", "attachment", "file", "image", "scan", "documento", "upload"),
}

# Value vocabularies -------------------------------------------------------------------------
BOOLEAN_WORDS: frozenset[str] = frozenset({
    "true", "false", "yes", "no", "y", "n", "t", "f", "si", "sí", "oui", "non", "ja", "nein",
    "sim", "não", "nao", "x",
})

SEX_WORDS: frozenset[str] = frozenset({
    "m", "f", "male", "female", "man", "woman", "other", "unknown", "u", "o", "x",
    "masculino", "femenino", "hombre", "mujer", "homme", "femme", "masculin", "féminin",
    "männlich", "weiblich", "divers", "feminino", "non-binary", "nonbinary", "intersex",
    "undisclosed", "not specified", "prefer not to say", "h", "w", "d",
})

# Source words for each enumeration value (beyond the canonical word itself).
ENUM_VALUE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "female": ("f", "woman", "femenino", "mujer", "femme", "féminin", "weiblich", "feminino", "w"),
    "male": ("m", "man", "masculino", "hombre", "homme", "masculin", "männlich", "h"),
    "other": ("o", "x", "divers", "non-binary", "nonbinary", "intersex", "otro", "autre",
              "outro", "d"),
    "unknown": ("u", "undisclosed", "not specified", "prefer not to say", "unk",
                "desconocido", "inconnu", "unbekannt", "desconhecido"),
    "email": ("e-mail", "correo", "courriel", "mail"),
    "sms": ("text", "text message", "txt", "mensaje"),
    "phone": ("call", "telephone", "tel", "teléfono", "téléphone", "telefon"),
    "mail": ("post", "letter", "correo postal", "courrier", "brief"),
    "none": ("do not contact", "no contact", "ninguno", "aucun", "keine"),
    "active": ("a", "current", "activo", "actif", "aktiv", "ativo", "patient", "1", "true"),
    "inactive": ("i", "archived", "inactivo", "inactif", "inaktiv", "inativo", "former",
                 "nonpatient", "0", "false"),
    "deceased": ("d", "deceased", "dead", "fallecido", "décédé", "verstorben", "falecido"),
    "verified": ("eligible", "active coverage", "confirmed", "ok"),
    "pending": ("in progress", "submitted", "awaiting", "pendiente", "en attente"),
    "denied": ("ineligible", "rejected", "not eligible", "inactive coverage"),
    "expired": ("lapsed", "terminated"),
    "booked": ("scheduled", "confirmed", "unconfirmed", "pending", "reservada", "programada",
               "planned", "sched"),
    "arrived": ("checked in", "here", "in chair", "in room", "llegó", "arrivé"),
    "completed": ("complete", "attended", "done", "finished", "seen", "completada",
                  "terminé", "erledigt", "concluída", "fulfilled"),
    "cancelled": ("canceled", "cancel", "broken", "cancelada", "annulé", "abgesagt",
                  "storniert", "cancelado", "unscheduled", "deleted"),
    "no_show": ("no show", "noshow", "dna", "did not arrive", "did not attend", "missed",
                "failed", "no presentado", "absent", "nicht erschienen", "faltou"),
    "allergy": ("allergy", "allergies", "alergia", "allergie", "intolerance"),
    "condition": ("condition", "problem", "disease", "diagnosis", "condición", "maladie"),
    "resolved": ("resolved", "healed", "remission", "resuelto", "résolu", "cured"),
    "provider": ("dentist", "doctor", "physician", "practitioner", "hygienist", "therapist",
                 "clinician", "physio", "physiotherapist", "chiropractor", "psychologist"),
    "nurse": ("rn", "np", "lpn", "enfermera", "infirmière", "pflegekraft", "enfermeira"),
    "front_desk": ("front desk", "receptionist", "reception", "recepción", "accueil",
                   "empfang", "recepção", "scheduler"),
    "billing": ("biller", "billing", "accounts", "facturación", "comptabilité"),
    "admin": ("administrator", "manager", "office manager", "practice manager", "owner"),
    "current": ("ok", "up to date", "al día", "standard", "good standing"),
    "overdue": ("late", "past due", "vencido", "en retard", "überfällig", "atrasado"),
    "collections": ("collection", "in collections", "sent to collections", "cobranza",
                    "recouvrement", "inkasso", "cobrança"),
    "paid": ("paid in full", "settled", "zero balance", "pagado", "payé", "bezahlt", "pago"),
    "physician": ("doctor", "gp", "specialist", "dentist", "médico", "médecin", "arzt"),
    "self": ("self referred", "self-referral", "walk-in", "walk in", "propio"),
    "patient": ("patient referral", "friend", "family", "word of mouth", "existing patient"),
    "marketing": ("google", "facebook", "instagram", "website", "web", "online", "ad",
                  "advertising", "social media", "flyer", "search", "newsletter", "seo",
                  "radio", "tv", "yelp"),
    "insurer": ("insurance", "insurer", "payer", "health fund", "aseguradora"),
    "inquiry": ("enquiry", "new", "open", "contacted", "consulta"),
    "scheduled": ("booked", "appointment booked", "agendado"),
    "converted": ("won", "became patient", "converted", "closed won", "ganado"),
    "lost": ("closed lost", "not interested", "perdido", "perdu", "dead"),
    "call": ("phone", "phone call", "telephone", "llamada", "appel", "anruf", "ligação"),
    "letter": ("mail", "post", "carta", "courrier", "brief", "statement"),
    "meeting": ("in person", "visit", "reunión", "réunion", "treffen"),
    "inbound": ("in", "received", "incoming", "entrante", "entrant", "eingehend", "recebida",
                "0"),
    "outbound": ("out", "sent", "outgoing", "saliente", "sortant", "ausgehend", "enviada",
                 "1"),
    "consent": ("consent form", "consentimiento", "consentement", "einwilligung"),
    "id_scan": ("id", "id card", "insurance card", "photo id", "license scan", "drivers license"),
    "lab": ("lab result", "laboratory", "lab report", "pathology", "labor", "laboratorio"),
    "imaging": ("xray", "x-ray", "radiograph", "mri", "ct", "ultrasound", "scan", "photo",
                "image", "radiografía", "radiographie", "röntgen"),
    "required": ("required", "pending", "needs review", "yes"),
    "cleared": ("cleared", "reviewed", "ok", "no"),
}

REGION_CODES: frozenset[str] = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY", "PR", "NSW", "VIC", "QLD", "SA", "TAS", "ACT",
    "NT", "AB", "BC", "MB", "NB", "NL", "NS", "ON", "PE", "QC", "SK", "YT", "NU",
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
    "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
    "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire",
    "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota",
    "tennessee", "texas", "utah", "vermont", "virginia", "washington", "west virginia",
    "wisconsin", "wyoming", "new south wales", "victoria", "queensland", "south australia",
    "western australia", "tasmania", "ontario", "quebec", "british columbia", "alberta",
})

COUNTRY_WORDS: frozenset[str] = frozenset({
    "us", "usa", "united states", "united states of america", "au", "aus", "australia",
    "nz", "new zealand", "gb", "uk", "united kingdom", "england", "scotland", "wales",
    "ca", "can", "canada", "ie", "ireland", "es", "spain", "españa", "mexico", "méxico",
    "fr", "france", "de", "germany", "deutschland", "pt", "portugal", "br", "brazil",
    "brasil", "in", "india", "za", "south africa",
})

CURRENCY_CODES: frozenset[str] = frozenset({
    "USD", "EUR", "GBP", "AUD", "CAD", "NZD", "CHF", "JPY", "MXN", "BRL", "INR", "ZAR",
    "SEK", "NOK", "DKK", "SGD",
})
