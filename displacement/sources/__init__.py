"""Source modules and the registry that declares them."""

from displacement.sources.registry import SOURCES, SOURCES_BY_ID, Source, get_source

__all__ = ["SOURCES", "SOURCES_BY_ID", "Source", "get_source"]
