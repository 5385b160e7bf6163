"""Evaluation: retrieval metrics on BEIR-style data, answer quality on the project's question set, benchmarks."""
