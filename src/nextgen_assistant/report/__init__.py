"""Renderers: turn findings and scan results into tables, Markdown, HTML, JSON and CSV."""
