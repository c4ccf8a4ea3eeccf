"""Hostile input: links with bad parameters on every page, and bad bulk files for `refresh --from-dir`.

Links (AppTest from app.py, switched to each page before the run): script tags, quotes, 10,000
characters, unicode and control characters, negative and far-future years, unknown and lower-case
ISO3 codes, repeated keys. Every page's known parameters and an unknown one get the hostile value at
once. For each run: no exception; no element shows a raw "<script>" or the 10,000 characters; and a
value that the page did not keep (dropped or replaced) is named in a notice (st.warning).

Bulk files (`refresh --from-dir`): truncated, wrongly encoded, missing or extra columns, empty. Each is
refused with a message naming the file or field (and the store stays byte-identical), or accepted
with the same figures as the clean file.
"""

from __future__ import annotations

import codecs
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, SHARED_DATA
from streamlit.testing.v1 import AppTest

from components import navigation
from displacement.ingest.refresh import refresh
from displacement.storage import store

PAGES = navigation.NAMES
# Every link parameter a page of the app reads (pages ignore, with a notice, the ones they do not).
PARAMS = ["since", "types", "year", "years", "view", "measure", "top", "q", "direction", "origin", "asylum",
          "rows", "iso3", "scale", "published", "events", "start", "analogue", "pick", "unit", "scope", "bogus"]
LONG = "long-" * 2_000  # 10,000 characters (not "AAAA": Plotly's base64 arrays hold those)
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "quotes": "\"'><img src=x onerror=alert(1)>'; DROP TABLE x; --",
    "long": LONG,
    "unicode": "Ünïcødé 🇺🇦 \u202egnp.exe \u200b\u0000\u0007",
    "negative-year": "-2024",
    "far-future-year": "99999",
    "unknown-iso3": "ZZZ",
    "lowercase-iso3": "ukr",
    "repeated": ["2020", "1990"],
    "repeated-hostile": ["UKR", "<script>x</script>"],
}
AS_OF = date(2026, 6, 25)


# --- links -------------------------------------------------------------------------------------------

def run(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.switch_page(f"app_pages/{page}.py")
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    return at


def shown_texts(at: AppTest) -> list[str]:
    """Every piece of text the page puts on screen or in a chart."""
    texts = []
    for kind in ("markdown", "caption", "warning", "info", "error", "success", "title", "header", "subheader",
                 "text", "code", "latex", "exception", "toast"):
        for element in getattr(at, kind, []):
            texts.append(str(getattr(element, "value", "")))
    for metric in at.metric:
        texts += [str(metric.label), str(metric.value), str(metric.help or "")]
    for element in at.get("plotly_chart"):
        texts.append(json.dumps(getattr(element.proto, "spec", "") or str(element.proto)))
    for expander in at.expander:
        texts.append(str(expander.label))
    for popover in at.get("popover"):
        texts.append(str(popover.proto.popover.label))
    return texts


def _values(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v).strip().upper() for v in value]
    return [str(value).strip().upper()]


def kept(at: AppTest, name: str, sent) -> bool:
    """The page kept every value sent: it is still in the link, or it is the value of the widget bound
    to the parameter (a widget at its default drops out of the link). Codes may change case."""
    sent = sent if isinstance(sent, list) else [sent]
    held = set(_values(at.query_params.get(name)))
    if name in at.session_state:
        held |= set(_values(at.session_state[name]))
    return all(str(v).strip().upper() in held for v in sent)


CASES = [(page, kind) for page in PAGES for kind in HOSTILE]


@pytest.mark.parametrize("page, kind", CASES, ids=[f"{p}-{k}" for p, k in CASES])
def test_hostile_link(page, kind):
    value = HOSTILE[kind]
    at = run(page, {name: value for name in PARAMS})
    assert not at.exception, [e.value.splitlines()[-1] for e in at.exception]
    assert at.title, "the page shows nothing"
    texts = shown_texts(at)
    assert not [t for t in texts if "<script>" in t], "a raw <script> is shown"
    assert not [t for t in texts if LONG[:200] in t], "the 10,000-character value is echoed"
    warnings = " ".join(w.value for w in at.warning)
    silent = [name for name in PARAMS
              if not kept(at, name, value) and f"“{name}”" not in warnings]
    assert not silent, f"ignored without a notice: {silent}; query now {dict(at.query_params)}"


def test_a_valid_link_shows_no_notice():
    """The control: clean parameters give no warning (so the notices above are caused by the input)."""
    at = run("overview", {"since": "1951"})
    assert not at.exception and not at.warning


# --- bulk files --------------------------------------------------------------------------------------

R_PACKAGE = SHARED_DATA / "unhcr_refugees_r_package"
BULK = {  # source id -> (path of a real bulk file, rows kept, a required column)
    "unrwa": (R_PACKAGE / "unrwa.csv", None, "total"),
    "idmc": (R_PACKAGE / "idmc.csv", None, "coa_iso"),
    "population": (R_PACKAGE / "population.csv", 3000, "refugees"),
    "worldbank-population": (SHARED_DATA / "worldbank" / "API_SP.POP.TOTL_DS2_en_csv_v2_246068.csv", None,
                             "Country Code"),
    "idmc-gidd": (SHARED_DATA / "idmc" / "idmc_gidd_displacement_data_2008_2024.csv", None,
                  "Conflict Stock Displacement"),
    "published-headlines": (SHARED_DATA / "unhcr_derived" / "gt_headline_figures.csv", None,
                            "forcibly_displaced_total_m"),
}


def clean_bytes(source_id: str) -> bytes:
    path, rows, _ = BULK[source_id]
    if not path.is_file():
        pytest.skip(f"{path} is not beside this checkout")
    data = path.read_bytes()
    if rows:
        data = b"".join(data.splitlines(keepends=True)[: rows + 1])
    return data


def _header_split(data: bytes, source_id: str) -> tuple[bytes, list[bytes]]:
    """(preamble incl. header line, data lines); the World Bank file has 4 lines before its header."""
    lines = data.splitlines(keepends=True)
    skip = 5 if source_id == "worldbank-population" else 1
    return b"".join(lines[:skip]), lines[skip:]


def drop_column(data: bytes, source_id: str) -> bytes:
    head, lines = _header_split(data, source_id)
    *preamble, header = head.splitlines(keepends=True)
    frame = pd.read_csv(io.StringIO((header + b"".join(lines)).decode("utf-8-sig")), dtype=str,
                        keep_default_na=False)
    return b"".join(preamble) + frame.drop(columns=[BULK[source_id][2]]).to_csv(index=False).encode()


def add_column(data: bytes, source_id: str) -> bytes:
    head, lines = _header_split(data, source_id)
    head_lines = head.splitlines(keepends=True)
    head_lines[-1] = head_lines[-1].rstrip(b"\r\n") + b',"comment"\n'
    return b"".join(head_lines) + b"".join(line.rstrip(b"\r\n") + b',"extra, text"\n' for line in lines)


def cut_inside_last_value(data: bytes, source_id: str) -> bytes:
    """Cut off the last 3 bytes of the file before its final newline: the last number loses digits."""
    return data.rstrip(b"\r\n")[:-3]


def cut_half(data: bytes, source_id: str) -> bytes:
    return data[: len(data) // 2]


def cut_mid_last_line(data: bytes, source_id: str) -> bytes:
    body = data.rstrip(b"\r\n")
    start = body.rfind(b"\n") + 1
    return body[: start + (len(body) - start) // 2]


def cut_at_a_line(data: bytes, source_id: str) -> bytes:
    head, lines = _header_split(data, source_id)
    return head + b"".join(lines[: len(lines) // 2])


DEFECTS = {
    "utf-16": lambda d, s: d.decode("utf-8-sig").encode("utf-16"),
    "latin-1": lambda d, s: d.decode("utf-8-sig").encode("latin-1", errors="replace"),
    "utf-8-bom": lambda d, s: codecs.BOM_UTF8 + d if not d.startswith(codecs.BOM_UTF8) else d,
    "binary": lambda d, s: bytes(range(256)) * 40,
    "empty": lambda d, s: b"",
    "header-only": lambda d, s: _header_split(d, s)[0],
    "html": lambda d, s: b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>\n",
    "missing-column": drop_column,
    "extra-column": add_column,
    "cut-mid-file": cut_half,
    "cut-mid-last-line": cut_mid_last_line,
    "cut-inside-last-value": cut_inside_last_value,
    "cut-at-a-line": cut_at_a_line,
}
# Defects whose file still holds the same, correct figures: accepting them is right.
HARMLESS = {"utf-8-bom", "extra-column"}


def files_of(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def write_bulk(folder: Path, source_id: str, data: bytes) -> None:
    from displacement.sources import get_source
    folder.mkdir(parents=True, exist_ok=True)
    pattern = get_source(source_id).bulk_file
    name = pattern.replace("*", "246068")
    (folder / name).write_bytes(data)
    if source_id == "worldbank-population":  # the metadata file that marks aggregates
        meta = BULK[source_id][0].parent / ("Metadata_Country_" + BULK[source_id][0].name)
        shutil.copy(meta, folder / ("Metadata_Country_" + name))


@pytest.fixture(scope="module")
def clean_stores(tmp_path_factory) -> dict[str, Path]:
    """Per source, a store holding one release refreshed from the clean file."""
    stores = {}
    for source_id in BULK:
        if not BULK[source_id][0].is_file():
            continue
        base = tmp_path_factory.mktemp(source_id)
        write_bulk(base / "bulk", source_id, clean_bytes(source_id))
        [outcome] = refresh([source_id], root=base / "store", from_dirs=[base / "bulk"], as_of=AS_OF,
                            check_against_snapshot=False)
        assert outcome.ok, outcome.line()
        stores[source_id] = base / "store"
    return stores


BULK_CASES = [pytest.param(s, d, id=f"{s}-{d}") for s in BULK for d in DEFECTS]
OBSERVED: list[tuple] = []


@pytest.mark.parametrize("source_id, defect", BULK_CASES)
def test_hostile_bulk_file(source_id, defect, clean_stores, tmp_path):
    clean = clean_bytes(source_id)
    root = tmp_path / "store"
    shutil.copytree(clean_stores[source_id], root)
    before = files_of(root)
    old = store.current_release(root, source_id)
    damaged = DEFECTS[defect](clean, source_id)
    write_bulk(tmp_path / "bulk", source_id, damaged)
    [outcome] = refresh([source_id], root=root, from_dirs=[tmp_path / "bulk"], as_of=AS_OF)
    OBSERVED.append((source_id, defect, outcome.ok, outcome.message))
    assert "Traceback" not in outcome.message and outcome.message.strip()
    if not outcome.ok:
        assert files_of(root) == before, "a refused file changed the store"
        assert re.search(r"\.csv|field|partial data|rows|encod|UTF-8", outcome.message), outcome.message
        return
    # Accepted: only right if the figures are those of the clean file.
    new = store.current_release(root, source_id)
    same_text = damaged.decode("latin-1") == clean.decode("utf-8-sig")  # e.g. ASCII re-encoded as latin-1
    assert defect in HARMLESS or same_text, (f"accepted a {defect} file: {outcome.message}; "
                                f"{old.manifest['rows']} rows before, {new.manifest['rows']} after")
    for name in old.table_names():
        pd.testing.assert_frame_equal(old.table(name), new.table(name), check_dtype=False)


def test_extra_columns_are_ignored_with_a_notice(tmp_path):
    write_bulk(tmp_path / "bulk", "unrwa", add_column(clean_bytes("unrwa"), "unrwa"))
    [outcome] = refresh(["unrwa"], root=tmp_path / "store", from_dirs=[tmp_path / "bulk"], as_of=AS_OF,
                        check_against_snapshot=False)
    assert outcome.ok and outcome.message.endswith("ignored extra columns: comment"), outcome.message
