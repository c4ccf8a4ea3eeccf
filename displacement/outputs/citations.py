"""Copy-ready citations for a figure or chart: APA-like and a plain sentence, naming the original
producers, the release, the dashboard view and the access date."""

from __future__ import annotations

from datetime import date

DASHBOARD = "Forced displacement statistics dashboard"


def apa(sources: list[dict], title: str, view_url: str, accessed: date) -> list[str]:
    """One APA-style reference per data set, then one for the dashboard view that shows them, e.g.
    'UNHCR (2026). Population figures [Data set, release ...]. CC BY 4.0.'"""
    references = []
    for source in sources:
        year = (source.get("retrieved_at") or accessed.isoformat())[:4]
        release = f", {source['release']}" if source.get("release") else ""
        references.append(f"{_producer(source)} ({year}). {source['title']} [Data set{release}]. "
                          f"{source['licence']}.")
    references.append(f"{DASHBOARD} ({accessed.year}). “{title}” [Dashboard view]. "
                      f"Retrieved {_day(accessed)}, from {view_url}")
    return references


def plain(sources: list[dict], title: str, view_url: str, accessed: date) -> list[str]:
    """One plain sentence per data set, then where it was shown."""
    references = [f"Source: {_producer(s)}, {s['title']}" + (f" ({s['release']})" if s.get("release") else "")
                  + f", {s['licence']}." for s in sources]
    references.append(f"Shown in “{title}”, {DASHBOARD} ({view_url}), accessed {_day(accessed)}.")
    return references


def as_text(references: list[str]) -> str:
    """A reference list to copy: one reference per paragraph."""
    return "\n\n".join(references)


def _producer(source: dict) -> str:
    publisher = source["publisher"]
    return (
        "Internal Displacement Monitoring Centre (IDMC)" if publisher.startswith("Internal Displacement") else publisher
    )


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
