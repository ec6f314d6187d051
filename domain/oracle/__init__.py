"""The verification oracle: what Nutshell must hold, derived from the source rows in the log and
the confirmed mapping, through code that shares nothing with the payload builder
(domain.nutshell_*) beyond the canonical field names and the mapping's declared value
transformations (dates to the clinic's timezone, phones to E.164, enumerations folded:
domain.validation). Nutshell is read as the live API sends it (wire.py).

- spec:    where the default map (design/nutshell-mapping.md) puts each canonical field, restated
- source:  source rows -> source records with the file/row/column of every value
- expect:  source records + mapping + owners -> what each Nutshell record must hold
- wire:    values read from Nutshell records in the live API's shapes
- check:   expectations against Nutshell -> differences with a reason class
- ledger:  every column of every file accounted for exactly once
"""
