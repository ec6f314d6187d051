"""The export zoo: vendor-style clinic exports with answer keys (see tools/zoo/build.py)."""
