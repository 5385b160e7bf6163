"""Answer stage: extractive composer (default, no LLM), LLM generator and citation checks."""
