"""Jingzhun's benchmark: server time, bytes and memory of every page at a given scale,
beside a naive pandas implementation of the same views (``python -m benchmarks``)."""
