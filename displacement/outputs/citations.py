"""Copy-ready citations for a figure or chart: APA-like and a plain sentence, naming the original
producers, the release, the dashboard view and the access date. The fixed words are messages (in the
reader's language); the producers' and data sets' names are proper names, written as they publish them."""

from __future__ import annotations

from datetime import date

from displacement.formatting import long_date
from displacement.text import N_, _

DASHBOARD = N_("Forced displacement statistics dashboard")
IDMC = "Internal Displacement Monitoring Centre (IDMC)"  # not text: a producer's name, never translated


def apa(sources: list[dict], title: str, view_url: str, accessed: date) -> list[str]:
    """One APA-style reference per data set, then one for the dashboard view that shows them, e.g.
    'UNHCR (2026). Population figures [Data set, release ...]. CC BY 4.0.'"""
    references = []
    for source in sources:
        year = (source.get("retrieved_at") or accessed.isoformat())[:4]
        words = (_("{producer} ({year}). {title} [Data set, {release}]. {licence}.") if source.get("release")
                 else _("{producer} ({year}). {title} [Data set]. {licence}."))
        references.append(words.format(producer=_producer(source), year=year, title=source["title"],
                                       release=source.get("release"), licence=source["licence"]))
    references.append(_("{dashboard} ({year}). “{title}” [Dashboard view]. Retrieved {day}, from {link}").format(
        dashboard=_(DASHBOARD), year=accessed.year, title=title, day=long_date(accessed), link=view_url))
    return references


def plain(sources: list[dict], title: str, view_url: str, accessed: date) -> list[str]:
    """One plain sentence per data set, then where it was shown."""
    references = []
    for source in sources:
        words = (_("Source: {producer}, {title} ({release}), {licence}.") if source.get("release")
                 else _("Source: {producer}, {title}, {licence}."))
        references.append(words.format(producer=_producer(source), title=source["title"],
                                       release=source.get("release"), licence=source["licence"]))
    references.append(_("Shown in “{title}”, {dashboard} ({link}), accessed {day}.").format(
        title=title, dashboard=_(DASHBOARD), link=view_url, day=long_date(accessed)))
    return references


def as_text(references: list[str]) -> str:
    """A reference list to copy: one reference per paragraph."""
    return "\n\n".join(references)


def _producer(source: dict) -> str:
    publisher = source["publisher"]
    return IDMC if publisher.startswith("Internal Displacement") else publisher  # not text: a name's start
