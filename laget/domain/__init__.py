"""Pure-Python domain logic: no Django imports (tests/test_architecture.py enforces it).

Callers pass every input (dates, rule sets, thresholds); nothing here reads the clock,
settings or the database.
"""
