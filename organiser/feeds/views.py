"""Calendar feeds: /calendar.ics (filtered), a campaign's feed, one lobby's .ics, /calendar."""

from functools import wraps

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask_babel import get_locale
from sqlalchemy import select

from organiser import i18n
from organiser.extensions import db
from organiser.feeds import services
from organiser.feeds.forms import SubscribeForm, filter_choices
from organiser.feeds.links import subscribe_links
from organiser.lobbies.listing import place_filter
from organiser.lobbies.models import Campaign, Lobby
from organiser.lobbies.places import local_country_name

bp = Blueprint("feeds", __name__)


# Public, cached GETs answered from the change counter (nothing to guess, no mail sent).
UNLIMITED_BLUEPRINTS = ("feeds", "maps")


def not_rate_limited() -> bool:
    """The feeds and the campaign map's GeoJSON: no limits to look up."""
    return request.blueprint in UNLIMITED_BLUEPRINTS


MAX_AGE = 300  # seconds: calendar apps poll far less often; proxies may keep a copy this long
CACHE_CONTROL = f"public, max-age={MAX_AGE}"
CALENDAR_TYPE = "text/calendar; charset=utf-8"


def parse_filters(args, campaign: Campaign | None = None) -> services.Filters:
    """The feed's filters from the query string; unknown campaigns and countries 404."""
    slug = args.get("campaign", "").strip()
    if slug and campaign is None:
        campaign = db.first_or_404(select(Campaign).where(Campaign.slug == slug))
    place = place_filter(args)
    return services.Filters(campaign=campaign, country=place.country, city=place.city)


def cache_headers(response: Response, checked: services.Validators) -> Response:
    """Validators, a short public max-age, CORS open for GET (set as plain strings: cheap);
    every response built from the feeds' change counter (feeds, the campaign map) has them."""
    headers = response.headers
    headers["ETag"] = checked.etag
    headers["Last-Modified"] = checked.last_modified_header
    headers["Cache-Control"] = CACHE_CONTROL
    headers["Access-Control-Allow-Origin"] = "*"
    headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


def not_modified(checked: services.Validators) -> bool:
    """Whether the client's copy is current (If-None-Match wins over If-Modified-Since)."""
    header = request.headers.get("If-None-Match")
    if header is not None:  # weak comparison; our ETags hold no commas
        tags = [tag.strip() for tag in header.split(",")]
        return "*" in tags or any(tag.removeprefix("W/") == checked.etag for tag in tags)
    since = request.if_modified_since
    return since is not None and checked.last_modified <= since


def calendar_response(checked: services.Validators, build, filename: str | None = None):
    """The calendar build() makes, with its validators and cache headers."""
    response = Response(build(), content_type=CALENDAR_TYPE)
    if db.session.registry.has():
        db.session.commit()  # the VEVENTs built for this response, kept for the next
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return cache_headers(response, checked)


def feed_language() -> str:
    """The feed's language: ?lang= when it is one offered, else English (never the browser's
    Accept-Language or the cookie: calendar apps poll without them)."""
    return i18n.asked_language() or services.ENGLISH


def conditional(view, language=lambda: services.ENGLISH):
    """Answer 304 from the change counter alone, before the view reads or builds anything.

    ETags are per address (and language) and change with every change any feed shows, so
    only a client that already holds this address's current copy can get a 304.
    """

    @wraps(view)
    def wrapper(**kwargs):
        checked = services.validators(language=language())
        if not_modified(checked):
            return cache_headers(Response(status=304), checked)
        return view(checked, **kwargs)

    return wrapper


def per_language(view):
    """conditional, with the feed's language (?lang=) in its validators."""
    return conditional(view, language=feed_language)


@bp.get("/calendar.ics")
@per_language
def feed(checked: services.Validators):
    """Every lobby, upcoming and of the past year; ?campaign=, ?country=, ?city= narrow it."""
    filters = parse_filters(request.args)
    return calendar_response(checked, lambda: services.feed_bytes(filters, checked))


@bp.get("/campaigns/<slug>/calendar.ics")
@per_language
def campaign_feed(checked: services.Validators, slug: str):
    """A campaign's lobbies; ?country= and ?city= narrow it further."""
    found = db.first_or_404(select(Campaign).where(Campaign.slug == slug))
    filters = parse_filters(request.args, campaign=found)
    return calendar_response(checked, lambda: services.feed_bytes(filters, checked))


@bp.get("/lobbies/<slug>.ics")
@per_language
def lobby_ics(checked: services.Validators, slug: str):
    """One lobby as a calendar event, the same one the feeds carry."""
    found = db.first_or_404(select(Lobby).where(Lobby.slug == slug))
    return calendar_response(
        checked, lambda: services.lobby_bytes(found, checked.language), f"{slug}.ics"
    )


def absolute(endpoint: str, **values) -> str:
    """An address on the public site (SITE_URL), not on whatever host the request came to."""
    return current_app.config["SITE_URL"] + url_for(endpoint, **values)


def in_readers_language() -> dict:
    """The ?lang= that gives a feed in the reader's language (none for English)."""
    language = str(get_locale())
    return {} if language == services.ENGLISH else {"lang": language}


@bp.get("/calendar")
def subscribe():
    """Choose a campaign, country or city; get the addresses to subscribe with."""
    form = SubscribeForm(request.args, meta={"csrf": False})
    form.campaign.choices, form.country.choices, form.city.choices = filter_choices()
    chosen = form.chosen()
    campaign = None
    if "campaign" in chosen:
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == chosen["campaign"]))
    filters = services.Filters(campaign, chosen.get("country", ""), chosen.get("city", ""))
    name = services.calendar_name(filters, local_country_name)
    links = subscribe_links(absolute("feeds.feed", **chosen, **in_readers_language()), name)
    return render_template("feeds/subscribe.html", form=form, links=links, name=name)
