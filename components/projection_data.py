"""Cached projections: the series, its track record (the slow part: the whole procedure rerun at every
past year) and the projection, each made once per release and choice. Apart from components/data.py so
the other pages do not import the projection methods."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, heavy_work
from displacement.projections import Projection, TrackRecord, project, series, track_record
from displacement.storage.datasets import Datasets
from displacement.text import current_language


@st.cache_data(show_spinner=False, max_entries=128)
def _series(key: tuple, name: str, iso3: str | None, perspective: str, language: str) -> tuple[pd.Series, dict]:
    """`language` keys the cache: the options carry the ceiling's note in words."""
    found = series.load_series(data.with_tables(key), name, iso3, perspective)
    return found, dict(found.attrs)


def projection_series(opened: Datasets, name: str, iso3: str | None, perspective: str) -> tuple[pd.Series, dict]:
    """The series a projection extends (displacement.projections.series) and its options (scope, ceiling)."""
    return _series(data.release_key(opened), name, iso3, perspective, current_language())


@st.cache_data(show_spinner=False, max_entries=64)
def _record(key: tuple, name: str, iso3: str | None, perspective: str, window: int | None) -> TrackRecord:
    found, options = _series(key, name, iso3, perspective, current_language())
    with heavy_work.turn():
        return track_record(found, options["scope"], window)


@st.cache_data(show_spinner=False, max_entries=256)
def _projection(key: tuple, name: str, iso3: str | None, perspective: str, window: int | None, horizon: int,
                model: str, language: str) -> Projection:
    """`language` keys the cache: a projection carries its reasons and limits in words."""
    found, options = _series(key, name, iso3, perspective, language)
    record = _record(key, name, iso3, perspective, window)
    return project(found, horizon, model, window, name, record=record, **options)


def projection(opened: Datasets, name: str, iso3: str | None, perspective: str, window: int | None, horizon: int,
               model: str) -> Projection:
    """The projection with its track record, made once per series, window, horizon and model; raises
    SeriesTooShortError when the series is too short to project."""
    return _projection(data.release_key(opened), name, iso3, perspective, window, horizon, model,
                       current_language())
