"""/campaigns/<slug>/lobbies.geojson: the campaign's lobbies with coordinates, for its map,
cached like the feeds (ETag, Last-Modified, 304)."""

import json
from datetime import datetime

from organiser.extensions import db
from organiser.lobbies import services


def test_a_point_per_lobby_with_coordinates(app, client, campaign, make_lobby, find_lobby):
    london = make_lobby(campaign, datetime(2031, 12, 16, 12), latitude=51.4946, longitude=-0.1717)
    berlin = make_lobby(
        campaign,
        datetime(2031, 12, 16, 12, 30),
        "Europe/Berlin",
        title="Berlin <lobby>",
        city="Berlin",
        country="DE",
        venue="Nordsternstraße 2",
        latitude=52.4829,
        longitude=13.2653,
    )
    make_lobby(campaign, title="No coordinates yet")
    with app.app_context():
        services.cancel_lobby(find_lobby(berlin), "Snow")
        db.session.commit()

    response = client.get(f"/campaigns/{campaign.slug}/lobbies.geojson")
    assert response.status_code == 200
    assert response.content_type == "application/geo+json"
    collection = json.loads(response.data)
    assert collection["type"] == "FeatureCollection"
    features = {f["properties"]["url"]: f for f in collection["features"]}
    assert sorted(features) == [f"/lobbies/{berlin}", f"/lobbies/{london}"]
    point = features[f"/lobbies/{berlin}"]
    assert point["type"] == "Feature"
    assert point["geometry"] == {"type": "Point", "coordinates": [13.2653, 52.4829]}
    assert point["properties"] == {
        "title": "Berlin <lobby>",
        "city": "Berlin",
        "venue": "Nordsternstraße 2",
        "time": "Tue 16 December 2031, 12:30 CET",
        "status": "cancelled",
        "ends_at": "2031-12-16T12:30:00Z",
        "url": f"/lobbies/{berlin}",
    }
    assert features[f"/lobbies/{london}"]["properties"]["status"] == "scheduled"
    assert features[f"/lobbies/{london}"]["properties"]["time"].endswith("12:00 GMT")


def test_validators_and_304_like_the_feeds(client, campaign, make_lobby):
    make_lobby(campaign, latitude=51.5, longitude=-0.17)
    url = f"/campaigns/{campaign.slug}/lobbies.geojson"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert etag and first.headers["Last-Modified"]
    assert first.headers["Cache-Control"] == "public, max-age=300"
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    since = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    # A new lobby changes the map: the old copy is stale.
    make_lobby(campaign, title="Second", latitude=52.0, longitude=0.0)
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert len(json.loads(changed.data)["features"]) == 2


def test_a_moved_pin_shows_at_once(app, client, campaign, make_lobby, find_lobby):
    slug = make_lobby(campaign, latitude=51.5, longitude=-0.17)
    url = f"/campaigns/{campaign.slug}/lobbies.geojson"
    assert json.loads(client.get(url).data)["features"][0]["geometry"]["coordinates"] == [
        -0.17,
        51.5,
    ]
    with app.app_context():
        lobby = find_lobby(slug)
        services.update_lobby(lobby, ["Free them"], latitude=51.4946, longitude=-0.1717)
        db.session.commit()
    point = json.loads(client.get(url).data)["features"][0]["geometry"]
    assert point["coordinates"] == [-0.1717, 51.4946]


def test_the_map_narrows_like_the_list(client, campaign, make_lobby):
    make_lobby(campaign, title="London", latitude=51.5, longitude=-0.17)
    make_lobby(campaign, title="Berlin", city="Berlin", country="DE", latitude=52.5, longitude=13.4)
    url = f"/campaigns/{campaign.slug}/lobbies.geojson"
    titles = lambda query: [  # noqa: E731
        f["properties"]["title"] for f in json.loads(client.get(url + query).data)["features"]
    ]
    assert titles("?country=DE") == ["Berlin"]
    assert titles("?city=london") == ["London"]
    assert titles("?country=FR") == []
    assert client.get(url + "?country=XX").status_code == 404


def test_unknown_campaign_is_404(client, campaign):
    assert client.get("/campaigns/nope/lobbies.geojson").status_code == 404


def test_tile_host_is_allowed_for_images_and_scripts_stay_our_own(client, campaign):
    csp = client.get(f"/campaigns/{campaign.slug}").headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://tile.openstreetmap.org" in csp
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp
