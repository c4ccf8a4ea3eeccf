"""The forced-displacement data pipeline: sources -> fetch -> validate -> reshape -> store.

This package never imports Streamlit; the dashboard (app.py, app_pages/, components/) reads
what it stores.
"""

__version__ = "0.1.0"
PROJECT_NAME = "forced-displacement-dashboard"
USER_AGENT = f"{PROJECT_NAME}/{__version__} (+open forced-displacement statistics dashboard)"
