"""The world map's outlines: decoded, cut at the antimeridian, projected; and the figure built on them."""

import math

import numpy as np
from map_outlines import label_points, label_xy

from components import world_map
from components.world_map import SCALE, Fill, natural_earth


def points_of(iso3: str) -> np.ndarray:
    """Every projected point drawn for a code, all its shapes together."""
    return np.vstack([ring for o in world_map.country_outlines() if o.iso3 == iso3 for ring in o.rings])


def test_the_projection_is_natural_earth():
    assert natural_earth(0, 0) == (0, 0)
    x, _ = natural_earth(180, 0)
    assert math.isclose(x, math.pi * 0.8707)
    _, y = natural_earth(0, 90)
    assert math.isclose(y, 1.4224, abs_tol=1e-3)  # d3.geoNaturalEarth1 puts the pole at 1.4224
    assert natural_earth(-30, -40) == tuple(-v for v in natural_earth(30, 40))


def test_every_country_in_the_outlines_is_drawn_except_antarctica():
    codes = world_map.country_codes()
    assert len(codes) == len(set(codes)) == len(label_points()) - 1  # every coded shape but ATA
    assert "ATA" not in codes and {"UKR", "SDN", "FJI", "RUS", "LSO"} <= set(codes)


def test_shapes_without_a_code_are_drawn_as_the_country_unhcr_counts_them_under():
    """Kosovo under SRB, Somaliland under SOM, northern Cyprus under CYP."""
    outlines = world_map.country_outlines()
    assert all(o.iso3 for o in outlines)
    codes = [o.iso3 for o in outlines]
    assert (codes.count("SRB"), codes.count("SOM"), codes.count("CYP")) == (2, 2, 2)


def test_the_map_fits_the_int16_coordinates():
    edges = np.abs(np.vstack([ring for o in world_map.country_outlines() for ring in o.rings])).max(axis=0)
    assert edges[0] <= round(natural_earth(180, 0)[0] * SCALE) and edges[1] <= round(natural_earth(0, 90)[1] * SCALE)


def test_no_outline_streaks_across_the_map():
    """Points written as -180 among points near +180 would draw a line across the whole map."""
    half_width = natural_earth(180, 0)[0] * SCALE
    for shape in world_map.country_outlines():
        for ring in shape.rings:
            assert np.abs(np.diff(ring[:, 0].astype(int))).max() < half_width, shape.iso3


def test_countries_across_the_antimeridian_reach_both_edges_of_the_map():
    edge = natural_earth(179, 66)[0] * SCALE
    for iso3 in ("RUS", "FJI"):
        xs = points_of(iso3)[:, 0]
        assert xs.max() > edge * 0.9 and xs.min() < -edge * 0.9, iso3


def test_a_ring_across_the_antimeridian_is_cut_into_two_closed_parts():
    square = np.array([[170.0, 0], [-170, 0], [-170, 10], [170, 10]])
    west, east = sorted(world_map._cut_at_antimeridian(square), key=lambda part: part[:, 0].min())
    assert (west[:, 0].min(), west[:, 0].max()) == (-180, -170)
    assert (east[:, 0].min(), east[:, 0].max()) == (170, 180)
    assert world_map._area(west) == world_map._area(east) == 100


def test_a_country_inside_another_is_drawn_after_it():
    order = [iso3 for iso3, _x, _y in world_map.country_paths()]
    assert order.index("ZAF") < order.index("LSO")


def test_every_country_lies_around_its_labelled_point():
    """Decoding checked against the file's own label points: each within its country's extent."""
    for iso3 in set(world_map.country_codes()) - {"FJI", "RUS"}:  # cut at the antimeridian: they span the map
        x, y = label_xy(iso3)
        points = points_of(iso3)
        assert points[:, 0].min() <= x <= points[:, 0].max() and points[:, 1].min() <= y <= points[:, 1].max(), iso3


def test_the_figure_has_one_named_shape_per_country_and_one_legend_entry_per_group():
    fills = {"UKR": Fill("#08306b", "1 million or more", "<b>Ukraine</b>")}
    fig = world_map.figure(fills, [("1 million or more", "#08306b"), ("no figure", "#e6e6e6")], unfilled="#e6e6e6")
    shapes = [t for t in fig.data if t.fill != "none"]
    assert [t.name for t in shapes] == world_map.country_codes()
    ukraine = [t for t in shapes if t.name == "UKR"]
    assert [(t.fillcolor, t.text, t.legendgroup) for t in ukraine] == [("#08306b", "<b>Ukraine</b>",
                                                                        "1 million or more")]
    unfilled = [t for t in shapes if t.name != "UKR"]
    assert {t.fillcolor for t in unfilled} == {"#e6e6e6"} and {t.hoverinfo for t in unfilled} == {"skip"}
    legend = [t for t in fig.data if t.showlegend]
    assert [(t.name, t.legendgroup, t.marker.color) for t in legend] == [
        ("1 million or more", "1 million or more", "#08306b"), ("no figure", "no figure", "#e6e6e6")]


def test_a_country_in_several_parts_is_one_shape_with_a_gap_between_parts():
    [parts] = [o.rings for o in world_map.country_outlines() if o.iso3 == "IDN"]
    [(x, y)] = [(x, y) for iso3, x, y in world_map.country_paths() if iso3 == "IDN"]
    assert len(parts) > 1
    assert np.isnan(x).sum() == np.isnan(y).sum() == len(parts) - 1
    assert len(x) == sum(len(ring) for ring in parts) + len(parts) - 1
    assert np.array_equal(x[: len(parts[0])], parts[0][:, 0])


def test_a_code_with_two_outlines_is_drawn_as_one_country():
    """Kosovo's outline is counted under SRB (COUNTED_UNDER): Serbia's trace holds both."""
    serbia = [o for o in world_map.country_outlines() if o.iso3 == "SRB"]
    [(x, _y)] = [(x, y) for iso3, x, y in world_map.country_paths() if iso3 == "SRB"]
    assert len(serbia) == 2 and np.isnan(x).sum() == sum(len(o.rings) for o in serbia) - 1


def test_shapes_are_hovered_anywhere_inside_them():
    fig = world_map.figure({}, [], unfilled="#e6e6e6")
    [defaults] = fig.layout.template.data.scatter
    assert (defaults.fill, defaults.hoveron, defaults.hoverinfo) == ("toself", "fills", "text")
