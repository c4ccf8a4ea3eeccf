"""The outline file's own label points, to check the map against (tests only)."""

import json
from functools import lru_cache

from components import world_map


@lru_cache(maxsize=1)
def label_points() -> dict[str, tuple[float, float]]:
    """ISO3 -> (lon, lat) of the point the outline file gives each coded country for its label."""
    topology = json.loads(world_map.OUTLINES.read_text(encoding="utf-8"))
    return {shape["id"]: tuple(shape["properties"]["ct"])
            for shape in topology["objects"]["countries"]["geometries"] if "id" in shape}


def label_xy(iso3: str) -> tuple[float, float]:
    """The label point in the map's coordinates."""
    x, y = world_map.natural_earth(*label_points()[iso3])
    return x * world_map.SCALE, y * world_map.SCALE
