"""What the tests and the benchmarks share: the app served and driven in headless Chromium
(browser.py), many browser sessions through a refresh (concurrency.py), and a local stand-in for the
three APIs (fake_apis.py). Imported as `harness.<module>` by both; nothing here runs at import."""
