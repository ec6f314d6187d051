"""Clinics of South-East Europe and Turkey (Greek, Turkish, Romanian, Bulgarian), one clinic a file."""
