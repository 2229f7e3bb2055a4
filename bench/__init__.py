"""Benchmarks of DTN Reader at scale: ``python -m bench [--editions N] [--quick] [--runs R] [--out FILE]``.

See docs/performance.md for what is measured, against which floor, and the results.
"""
