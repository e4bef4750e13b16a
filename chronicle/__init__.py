"""Chronicle: a static-site generator for historical timelines."""
