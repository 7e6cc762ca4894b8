"""Speed measurements, kept out of the test suite.

Each ``benchmarks/bench_<name>.py`` exposes ``run() -> list[dict]``: one row per
measurement, with a baseline measured in the same run, the ratio against it and
absolute milliseconds for scale. ``python -m benchmarks`` runs them all,
``python -m benchmarks parse layout`` the ones named. See docs/performance.md.
"""
