"""Reusable Streamlit pieces: cached loaders, URL-bound filters, chart frames, downloads, notes."""
