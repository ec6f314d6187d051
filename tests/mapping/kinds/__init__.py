"""Records of one kind written the vendors' ways: reports, billing, cover, visits, notes."""
