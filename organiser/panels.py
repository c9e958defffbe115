"""Panels: the sections other features add to a page, through one small named hook.

A page (the lobby page, the campaign page, the organiser's campaign page) shows its own
content, then the panels features registered for it from their init_app: a template and a
function that gives the template's context from the page's objects (or None: no panel this
time). The page's view gathers them with `panels(page, **objects)` and passes them to its
template, which renders each in order. So the page's package knows none of the features that
add to it, and the work a panel needs (its queries) runs in the view, never in a template.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, render_template
from markupsafe import Markup

EXTENSION = "organiser.panels"


@dataclass(frozen=True)
class Panel:
    """What a feature adds to a page: its template and the function giving its context."""

    template: str
    context: Callable[..., dict[str, Any] | None]
    order: int


@dataclass(frozen=True)
class Gathered:
    """A panel and its context for one page view, ready to render."""

    template: str
    context: dict[str, Any]

    def render(self) -> Markup:
        """The panel's HTML (the page's template places it)."""
        html = render_template(self.template, **self.context)
        return Markup(html)  # noqa: S704 (a template of ours, autoescaped by Jinja)


def register_panel(
    app: Flask,
    page: str,
    template: str,
    context: Callable[..., dict[str, Any] | None],
    order: int = 100,
) -> None:
    """Show template on this app's `page`, lowest order first, with the context that
    context(**the page's objects) gives; registering the same template again replaces it."""
    page_panels = app.extensions.setdefault(EXTENSION, {}).setdefault(page, {})
    page_panels[template] = Panel(template, context, order)


def panels(page: str, **objects: Any) -> list[Gathered]:
    """The panels of this page for these objects, in order, their contexts made now."""
    registered = current_app.extensions.get(EXTENSION, {}).get(page, {})
    gathered = []
    for panel in sorted(registered.values(), key=lambda panel: panel.order):
        context = panel.context(**objects)
        if context is not None:
            gathered.append(Gathered(panel.template, context))
    return gathered
