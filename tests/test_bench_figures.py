"""`python -m bench` reads each printed figure against the target at the end of its line."""

from __future__ import annotations

from bench.__main__ import DEFAULT_TIMEOUT, judge, time_limit
from bench.live import DRAFT_TARGET, MEMORY_TARGET, PAGE_TARGET


def test_a_figure_is_judged_against_its_target_whatever_source_it_names():
    assert judge("first view: 2.38 s  (target < 5 s)") == "OK"
    assert judge(f"first view: 5.01 s  {DRAFT_TARGET}") == "OVER"
    assert judge(f"the draft (101 KB; then 1.91 s), first view: 2.38 s  {DRAFT_TARGET}") == "OK"
    assert judge(f"largest: 1906 MB  {MEMORY_TARGET}") == "OVER"
    assert judge(f"p95: 420 ms  {PAGE_TARGET}") == "OK"
    assert judge("ratio: 2.0  (target <= 2.0)") == "OK"
    assert judge("largest: 2 GB  (target < 500 MB, the load test's)") == "OVER"


def test_a_line_that_does_not_end_with_a_target_is_no_figure():
    assert judge("the nation: 7,200 staff (target < 1 s) of the issue, said in passing") is None
    assert judge("loading the nation ×10: 468 s") is None


def test_the_benchmarks_that_wait_for_the_worker_have_time_limits_of_their_own(monkeypatch):
    monkeypatch.delenv("BENCH_TIMEOUT", raising=False)
    monkeypatch.setenv("BENCH_SCALE", "1")
    assert time_limit("bench_import") == DEFAULT_TIMEOUT
    at_one = time_limit("bench_fresh_process")
    assert at_one > DEFAULT_TIMEOUT
    monkeypatch.setenv("BENCH_SCALE", "10")
    assert time_limit("bench_fresh_process") > at_one
    monkeypatch.setenv("BENCH_TIMEOUT", "60")
    assert time_limit("bench_report_draft") == 60
