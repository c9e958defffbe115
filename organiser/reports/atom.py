"""The reports' Atom feed, built by feedgen (pure: what the feed holds -> bytes)."""

from dataclasses import dataclass
from datetime import datetime

from feedgen.feed import FeedGenerator


@dataclass(frozen=True)
class Entry:
    """One lobby's report as a feed entry; html is its content, already escaped."""

    id: str
    title: str
    link: str
    author: str
    published: datetime
    updated: datetime
    html: str


@dataclass(frozen=True)
class Feed:
    """The feed's own identity and addresses."""

    id: str
    title: str
    author: str
    self_link: str
    page_link: str
    updated: datetime


def atom(feed: Feed, entries: list[Entry]) -> bytes:
    """The Atom document: the feed, then its entries in the order given."""
    generator = FeedGenerator()
    generator.id(feed.id)
    generator.title(feed.title)
    generator.author({"name": feed.author})
    generator.link(href=feed.page_link, rel="alternate", type="text/html")
    generator.link(href=feed.self_link, rel="self", type="application/atom+xml")
    generator.updated(max([feed.updated, *(entry.updated for entry in entries)]))
    for entry in entries:
        item = generator.add_entry(order="append")
        item.id(entry.id)
        item.title(entry.title)
        item.link(href=entry.link, rel="alternate", type="text/html")
        item.author({"name": entry.author or feed.author})
        item.published(entry.published)
        item.updated(entry.updated)
        item.content(entry.html, type="html")
    return generator.atom_str(pretty=False)
