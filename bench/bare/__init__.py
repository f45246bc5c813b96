"""The bare baseline of the page benchmarks: plain Django rendering 50 rows from one indexed query
of a 100,000-row table, served like panelbook (gunicorn, DEBUG off, Django's usual middleware)."""
