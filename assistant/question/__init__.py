"""The question side: query understanding, follow-up rewriting, expected answer types."""
