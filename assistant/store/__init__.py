"""Index stage: Chroma (embedded or server) plus a BM25 keyword index, switched atomically per version."""
