"""Projections towards the 2031 deadline: the national capacity model (deterministic, as in
the 2022 competence-needs mapping) now; the Monte Carlo projection of services next."""
