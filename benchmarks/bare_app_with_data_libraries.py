"""The cold-start benchmark's second baseline: the bare app (benchmarks/bare_app.py) after importing the
libraries the dashboard reads its data with, pandas and pyarrow. The gap between the two bare apps is what
those imports alone cost a first visit; the dashboard cannot start faster than this one."""

import runpy
from pathlib import Path

import pandas  # noqa: F401
import pyarrow.parquet  # noqa: F401

runpy.run_path(str(Path(__file__).with_name("bare_app.py")))
