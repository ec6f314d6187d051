"""Words of clinics in the languages added later (Greek, Turkish, Romanian, Bulgarian), one clinic a file."""
