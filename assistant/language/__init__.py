"""German language tools shared by indexing and question handling: analysis, states."""
