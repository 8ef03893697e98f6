"""Query functions: each takes the viewer's scope and returns a DataFrame or values."""
