"""Laget: workforce, competence and supervision for municipal child welfare services."""
