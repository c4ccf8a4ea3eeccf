"""A one-click brief: a PDF (one or two A4 pages) of the view a page shows, for readers who will
never open the dashboard. It holds the chart as an image, the headline sentence, the key figures in
a table, every source with its licence and release, the date accessed and a link to the exact view.

No Streamlit here: a page builds a `Brief` from the same data it draws, `chart_png` turns its Plotly
figure into a PNG (kaleido 1.x driving the system Chromium) and `build_pdf` lays it out with fpdf2.
All text is written as plain text (never interpreted as HTML or Markdown), so a name or a note that
contains markup is printed literally.
"""

from __future__ import annotations

import importlib.util
import io
import json
import math
import numbers
import os
import re
import shutil
import threading
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from displacement.formatting import local_number, missing_text
from displacement.outputs.citations import DASHBOARD
from displacement.storage.datasets import Datasets
from displacement.text import N_, _, current_language, is_right_to_left

DEFAULT_CHROMIUM = "/usr/bin/chromium"  # Debian's chromium; kaleido's own Chrome download cannot work here
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian fonts-dejavu-core
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FOOTER = N_("Forced displacement statistics dashboard — figures from UNHCR/IDMC/World Bank")
MAX_ROWS, MIN_COLUMNS, MAX_COLUMNS = 20, 2, 4
EXPORT_TIMEOUT = 60  # seconds for one chart image


class BriefError(RuntimeError):
    """The brief cannot be made: no Chromium for the chart, an invalid brief, or more than two pages."""


@dataclass
class Brief:
    title: str                 # e.g. "How many people are forcibly displaced?"
    headline: str              # one sentence: the key figure, period, definition, source
    figures: pd.DataFrame      # the key figures: 2-4 columns, at most 20 rows (no columns: no table)
    sources: list[dict]        # each a Manifest.source_record() (see sources_for)
    view_url: str              # the link to the exact view (http or https)
    accessed: str              # ISO date, e.g. "2026-11-25"
    notes: list[str] = ()      # caveats, e.g. "Projection, not an official figure"

    def __post_init__(self) -> None:
        # A brief the code builds wrongly: for its developers, in English.
        if not str(self.title).strip() or not str(self.headline).strip():
            raise BriefError("a brief needs a title and a headline sentence")  # not text
        rows, columns = self.figures.shape
        if columns and (not MIN_COLUMNS <= columns <= MAX_COLUMNS or rows > MAX_ROWS):  # no columns: no table
            raise BriefError(f"the figures table has {rows} rows and {columns} columns: "  # not text
                             f"a brief takes {MIN_COLUMNS}-{MAX_COLUMNS} columns and at most {MAX_ROWS} rows")
        if not self.sources:
            raise BriefError("a brief needs at least one source")  # not text
        for source in self.sources:
            missing = [name for name in ("publisher", "title", "licence") if not source.get(name)]
            if missing:
                raise BriefError(f"source {source.get('title')!r} lacks {', '.join(missing)}")
        parts = urlsplit(str(self.view_url))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise BriefError(f"the view link must be an http(s) address, not {str(self.view_url)[:80]!r}")  # not text
        try:
            date.fromisoformat(str(self.accessed))
        except ValueError:
            raise BriefError(f"accessed must be an ISO date such as 2026-11-25, "  # not text
                             f"not {self.accessed!r}") from None
        self.notes = list(self.notes)


# ---------------------------------------------------------------------------------------------
# Building a brief from the data


def sources_for(data: Datasets, source_ids: list[str]) -> list[dict]:
    """The sources block of a brief, from the manifests of the releases the page reads."""
    block = []
    for source_id in source_ids:
        manifest = data.manifest(source_id)
        block.append({"id": source_id, **manifest.source_record()})
    return block


def file_name(brief: Brief) -> str:
    """e.g. 'brief-how-many-people-are-forcibly-displaced-2026-11-25.pdf'"""
    ascii_title = unicodedata.normalize("NFKD", brief.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60] or "view"
    return f"brief-{slug}-{brief.accessed}.pdf"


# ---------------------------------------------------------------------------------------------
# The chart image


def chromium_path() -> str:
    """The Chromium that draws chart images: $BROWSER_PATH (a path, or a name on PATH), else Debian's."""
    browser = os.environ.setdefault("BROWSER_PATH", DEFAULT_CHROMIUM)
    return browser if os.path.isabs(browser) else (shutil.which(browser) or browser)  # "chromium" on PATH


def chromium_missing() -> str | None:
    """Why no chart image can be drawn here (no Chromium, no kaleido), or None when one can."""
    browser = chromium_path()
    if not (Path(browser).is_file() and os.access(browser, os.X_OK)):
        return _("no Chromium at {path} to draw the chart image: install Debian's chromium (apt-get install "
                 "chromium) or set BROWSER_PATH to a Chromium or Chrome executable").format(path=browser)
    if importlib.util.find_spec("kaleido") is None:
        return _("kaleido is not installed (pip install -r requirements.txt)")
    return None


def chart_png(fig, width: int = 1000, height: int | None = None, scale: int = 2) -> bytes:
    """The figure as a PNG, drawn by kaleido 1.x in the system Chromium (chromium_path). Offline:
    plotly.js comes from the installed plotly package, MathJax is off (the world map carries its own
    outlines). Streamlit's placeholder colours are replaced by its light theme's (see exportable_figure).
    The height is the figure's own layout height (a chart frame places its title and legend for it),
    else 560 px. One Chromium serves every image of the process (see _export)."""
    return chart_image(fig, "png", width, height, scale)


def chart_svg(fig, width: int = 1000, height: int | None = None) -> bytes:
    """The same drawing as chart_png, as an SVG (vector: for print and for editing the labels)."""
    return chart_image(fig, "svg", width, height, 1)


IMAGE_STARTS = {"png": b"\x89PNG", "svg": b"<svg"}


def chart_image(fig, image_format: str, width: int = 1000, height: int | None = None, scale: int = 2) -> bytes:
    missing = chromium_missing()
    if missing:
        raise BriefError(missing)
    figure = exportable_figure(fig)
    if height is None:
        height = int(figure.get("layout", {}).get("height") or 560)
    image = _export(figure, {"format": image_format, "width": width, "height": height, "scale": scale})
    if isinstance(image, str):
        image = image.encode("utf-8")
    if not isinstance(image, bytes) or IMAGE_STARTS[image_format] not in image[:400]:
        raise BriefError(_("the chart export returned no {format} image").format(format=image_format.upper()))
    return image


# kaleido's sync server keeps one Chromium running for the whole process: starting one per image cost
# 2-10 s and a new browser's memory each time (docs/benchmarks.md). Its task and answer queues are
# shared, so one image is drawn at a time; a failure closes the server so that the next image starts
# a fresh browser rather than calling a dead one.
_EXPORT_LOCK = threading.Lock()


def _export(figure: dict, opts: dict) -> bytes:
    import kaleido
    browser = chromium_path()
    with _EXPORT_LOCK:
        try:
            # path= pins the browser (a Chrome that kaleido downloaded would otherwise win)
            kaleido.start_sync_server(path=browser, mathjax=False, timeout=EXPORT_TIMEOUT, silence_warnings=True)
            return kaleido.calc_fig_sync(figure, opts=opts)
        except Exception as error:  # kaleido and choreographer raise many kinds; the page needs one
            kaleido.stop_sync_server(silence_warnings=True)
            raise BriefError(_("the chart image could not be drawn with {browser}: {kind}: {error}").format(
                browser=browser, kind=type(error).__name__, error=error)) from error


# Importing streamlit makes "streamlit" plotly's default template, whose colours are placeholders
# (#000001 ...) that only Streamlit's browser code swaps for the theme's; exported as they are,
# every trace is near-black. These are the light theme's values, so the PDF matches the screen.
CATEGORICAL = ["#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d", "#7defa1", "#ff8700", "#ffd16a",
               "#6d3fc0", "#d5dae5"]
SEQUENTIAL = ["#e4f5ff", "#c7ebff", "#a6dcff", "#83c9ff", "#60b4ff", "#3d9df3", "#1c83e1", "#0068c9",
              "#0054a3", "#004280"]
DIVERGING = ["#7d353b", "#bd4043", "#ff4b4b", "#ff8c8c", "#ffc7c7", "#a6dcff", "#60b4ff", "#1c83e1",
             "#0054a3", "#004280"]
OTHER = ["#29b09d", "#ff2b2b", "#0068c9", "#a3a8b8", "#1a1a1a", "#1a1a1a", "#ffffff", "#e6eaf1", "#f2f6fa"]
PLACEHOLDERS = {f"#{n:06d}": colour for n, colour in
                [*enumerate(CATEGORICAL, 1), *enumerate(SEQUENTIAL, 11), *enumerate(DIVERGING, 21),
                 *enumerate(OTHER, 32)]}
PLACEHOLDER = re.compile("|".join(sorted(PLACEHOLDERS, reverse=True)))


def exportable_figure(fig) -> dict:
    """The figure as a plain dict (plotly's own JSON encoding: numpy, pandas NA) with Streamlit's
    placeholder colours replaced, as Streamlit's frontend does before drawing."""
    import plotly.io as pio

    spec = pio.to_json(fig, validate=False)
    return json.loads(PLACEHOLDER.sub(lambda match: PLACEHOLDERS[match.group(0)], spec))


# ---------------------------------------------------------------------------------------------
# The PDF


@dataclass(frozen=True)
class Layout:
    """How much room each part takes; build_pdf tries them in order until the brief fits one page."""
    chart_width: float  # mm (the page's text width is 180)
    table_font: float
    line: float  # the figures table's line height, mm
    headline_font: float = 11


LAYOUTS = (Layout(180, 9.5, 5.2), Layout(150, 9.5, 5.2), Layout(125, 9, 4.8), Layout(100, 8.5, 4.4),
           Layout(80, 8, 4.0), Layout(80, 7.5, 3.5, headline_font=9.5))


def build_pdf(brief: Brief, chart: bytes | list[bytes] | None) -> bytes:
    """The brief as PDF bytes on one A4 page: the chart (or two side by side) is drawn smaller and the
    text tighter until it fits; two charts that never fit become one. One that still does not fit runs
    onto a second page (never more: BriefError names what to shorten)."""
    images = [chart] if isinstance(chart, bytes) else list(chart or [])
    for shown in ([images, images[:1]] if len(images) > 1 else [images]):  # a second chart goes before a page
        for layout in LAYOUTS if shown else LAYOUTS[-1:]:
            pdf = _render(brief, shown, layout)
            if pdf.pages_count == 1:
                return bytes(pdf.output())
    pdf = _render(brief, images[:1], LAYOUTS[0])
    if pdf.pages_count > 2:
        raise BriefError(f"the brief takes {pdf.pages_count} pages: shorten the notes or the figures table")  # not text
    return bytes(pdf.output())


def format_value(value) -> str:
    """30958200 -> '30,958,200'; 12.345 -> '12.35'; missing -> 'no data'; text unchanged."""
    if value is None or value is pd.NA or value is pd.NaT:
        return missing_text()
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return local_number(int(value))
    if isinstance(value, numbers.Real):
        if math.isnan(value):
            return missing_text()
        if float(value).is_integer():
            return local_number(value, 0)
        return local_number(value, 2).rstrip("0").rstrip(".")
    return str(value)


PLAIN_COLUMNS = {"year", "period", "code", "iso", "iso3"}  # columns printed as they are


def _table_cells(figures: pd.DataFrame) -> tuple[list[str], list[list[str]], list[str]]:
    """Headings, rows as text, and each column's alignment (numbers right, text left). Year and
    period columns are printed as they are (2024, not 2,024)."""
    headings = [str(c) for c in figures.columns]
    rows, align = [[] for __ in range(len(figures))], []
    for name in figures.columns:
        column = figures[name]
        plain = bool(PLAIN_COLUMNS & set(re.findall(r"[a-z0-9]+", str(name).lower())))
        numeric = pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
        for i, value in enumerate(column.tolist()):
            rows[i].append(missing_text() if _missing(value) else str(value) if plain else format_value(value))
        align.append("RIGHT" if numeric and not plain else "LEFT")
    return headings, rows, align


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _render(brief: Brief, images: list[bytes], layout: Layout):
    pdf = _Document()
    pdf.set_title(pdf.plain(brief.title))
    pdf.set_lang(current_language())  # the language the brief is written in, for screen readers
    pdf.add_page()
    width = pdf.epw
    pdf.use_font("B", 16)
    pdf.multi_cell(width, 7.5, pdf.plain(brief.title), align=pdf.align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.use_font("", layout.headline_font)
    pdf.multi_cell(width, layout.headline_font / 2, pdf.plain(brief.headline), align=pdf.align, new_x="LMARGIN",
                   new_y="NEXT")
    pdf.ln(3)
    if images:
        _charts(pdf, images, layout)
        pdf.ln(3)
    if len(brief.figures.columns):
        _figures_table(pdf, brief.figures, layout)
    if brief.notes:
        pdf.ln(2)
        pdf.use_font("", 8.5, grey=True)
        for note in brief.notes:
            pdf.multi_cell(width, 4.2, pdf.plain(_("Note: {note}").format(note=note)), align=pdf.align, new_x="LMARGIN",
                           new_y="NEXT")
    _sources(pdf, brief, layout)
    return pdf


PAIR_GAP = 4  # mm between two charts side by side


def _charts(pdf, images: list[bytes], layout: Layout) -> None:
    """One chart centred at the layout's width; two side by side, each half the page wide whatever the
    layout (smaller, their text could not be read; the layouts shrink the table instead).
    The first is placed where the text ends (fpdf breaks the page when it does not fit, which is how
    build_pdf sees a brief too long), the second beside it."""
    each = layout.chart_width if len(images) == 1 else (pdf.epw - PAIR_GAP) / 2
    left = pdf.l_margin + (pdf.epw - len(images) * each - (len(images) - 1) * PAIR_GAP) / 2
    top = bottom = None
    for i, image in enumerate(images):
        try:
            placed = pdf.image(io.BytesIO(image), w=each, x=left + i * (each + PAIR_GAP), y=top)
        except Exception as error:
            raise BriefError(f"the chart is not a readable image: {error}") from error  # not text: a bug's report
        if top is None:
            top, bottom = pdf.get_y() - placed.rendered_height, pdf.get_y()
        bottom = max(bottom, top + placed.rendered_height)
    pdf.set_y(bottom)


def _figures_table(pdf, figures: pd.DataFrame, layout: Layout) -> None:
    headings, rows, align = _table_cells(figures)
    lengths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headings)]
    # relative; fpdf2 scales them to the page. The margin keeps a number's digits on one line.
    widths = tuple(max(length, 8) + 3 for length in lengths)
    pdf.use_font("", layout.table_font)
    with pdf.table(col_widths=widths, text_align=tuple(align), line_height=layout.line, padding=(0.8, 1.5),
                   borders_layout="HORIZONTAL_LINES", markdown=False, first_row_as_headings=True) as table:
        for cells in [headings, *rows]:
            row = table.row()
            for cell in cells:
                row.cell(pdf.plain(cell))


def _sources(pdf, brief: Brief, layout: Layout) -> None:
    width = pdf.epw
    size, line = min(8.5, layout.table_font), min(4.0, layout.line)
    pdf.ln(3)
    pdf.use_font("B", 10)
    pdf.cell(width, 5.5, pdf.plain(_("Sources")), new_x="LMARGIN", new_y="NEXT")
    for source in brief.sources:  # one paragraph each: producer and data set, licence, release, retrieval
        pdf.use_font("B", size)
        pdf.write(line, pdf.plain(f"{source['publisher']}, {source['title']}. "))
        pdf.use_font("", size)
        pdf.write(line, pdf.plain(_("Licence: {licence}").format(licence=source["licence"])))
        if _is_web_link(source.get("licence_url")):
            pdf.write(line, " (")
            pdf.write(line, pdf.plain(source["licence_url"]), link=source["licence_url"])
            pdf.write(line, ")")
        retrieved = source.get("retrieved_at")
        pdf.write(line, ". " + pdf.plain(_("Release: {release}. Retrieved {day}.").format(
            release=source.get("release") or _("not stated"),
            day=str(retrieved)[:10] if retrieved else _("date not recorded"))))
        pdf.ln(line + 0.8)
    pdf.ln(1.5)
    pdf.use_font("B", 10)
    pdf.cell(width, 5.5, pdf.plain(_("Accessed {date}").format(date=brief.accessed)), new_x="LMARGIN", new_y="NEXT")
    pdf.use_font("", 9)
    pdf.write(4.6, pdf.plain(_("This view:")) + " ")
    pdf.set_text_color(20, 70, 160)
    pdf.write(4.6, pdf.plain(brief.view_url), link=brief.view_url)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(5)


def _is_web_link(value) -> bool:
    parts = urlsplit(str(value or ""))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _document_class():
    from fpdf import FPDF

    class Document(FPDF):
        """A4 with the dashboard's footer; DejaVu Sans when present, else core Helvetica with
        the text transliterated to Latin-1."""

        def __init__(self):
            super().__init__(orientation="portrait", unit="mm", format="A4")
            self.set_margins(15, 14, 15)
            self.set_auto_page_break(True, margin=16)
            self.unicode_font = FONT_REGULAR.is_file() and FONT_BOLD.is_file()
            if self.unicode_font:
                self.add_font("DejaVu", "", str(FONT_REGULAR))
                self.add_font("DejaVu", "B", str(FONT_BOLD))
                self.base_family = "DejaVu"
            else:
                self.base_family = "Helvetica"
            self.align = "L"
            if self.unicode_font and is_right_to_left(current_language()):
                # HarfBuzz joins Arabic letters; each paragraph's direction follows its first letter (bidi), so
                # an Arabic sentence reads right to left and an English source title or a link left to right
                self.set_text_shaping(use_shaping_engine=True, script="arab", language="ara")
                self.align = "R"
            self.set_creator(_(DASHBOARD))

        def use_font(self, emphasis: str, size: float, grey: bool = False) -> None:
            self.set_font(self.base_family, emphasis, size)
            self.set_text_color(80, 80, 80) if grey else self.set_text_color(0, 0, 0)

        def plain(self, text) -> str:
            """Plain text the font can draw: control characters become spaces; without DejaVu,
            anything outside Latin-1 is transliterated (— to -, ạ to a)."""
            text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", str(text))
            return text if self.unicode_font else _latin1(text)

        def footer(self) -> None:
            self.set_y(-12)
            self.use_font("", 7.5, grey=True)
            # {nb}: fpdf's alias for the number of pages, filled in when the document is written
            self.cell(self.epw, 4, self.plain(_("{footer} · page {page} of {pages}").format(
                footer=_(FOOTER), page=self.page_no(), pages="{nb}")), align="C")

    return Document


def _Document():
    return _document_class()()


TRANSLITERATE = {"—": "-", "–": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "•": "-", "·": "-",
                 "≥": ">=", "≤": "<=", "→": "->", "€": "EUR", "\u00a0": " ", "\u202f": " "}


def _latin1(text: str) -> str:
    out = []
    for char in text:
        char = TRANSLITERATE.get(char, char)
        if len(char) == 1 and ord(char) > 0xFF:
            char = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            char = char.encode("latin-1", "replace").decode("latin-1")
        out.append(char)
    return "".join(out)
