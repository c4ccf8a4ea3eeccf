"""Copy-ready citations for a figure or chart: APA-like and a plain sentence, naming the original
producers, the release, the dashboard view and the access date."""

from __future__ import annotations

from datetime import date

DASHBOARD = "Forced displacement statistics dashboard"


def apa(sources: list[dict], title: str, view_url: str, accessed: date) -> str:
    """e.g. 'UNHCR (2026). Population figures [Data set, release ...]. ... Retrieved 25 November 2026, via ...'"""
    parts = []
    for source in sources:
        year = (source.get("retrieved_at") or accessed.isoformat())[:4]
        release = f", {source['release']}" if source.get("release") else ""
        parts.append(f"{_producer(source)} ({year}). {source['title']} [Data set{release}]. "
                     f"{source['licence']}.")
    return (" ".join(parts) + f" Retrieved {_day(accessed)}, via {DASHBOARD}: “{title}”, {view_url}")


def sentence(sources: list[dict], title: str, view_url: str, accessed: date) -> str:
    producers = "; ".join(f"{_producer(s)}, {s['title']}" + (f" ({s['release']})" if s.get("release") else "")
                          for s in sources)
    return (f"Source: {producers}. Shown in “{title}”, {DASHBOARD} ({view_url}), accessed {_day(accessed)}.")


def _producer(source: dict) -> str:
    publisher = source["publisher"]
    return (
        "Internal Displacement Monitoring Centre (IDMC)" if publisher.startswith("Internal Displacement") else publisher
    )


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
