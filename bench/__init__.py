"""Benchmarks: `make bench` runs them and prints their figures; they are not timed tests."""
