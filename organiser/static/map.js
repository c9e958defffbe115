// Maps (Leaflet, vendored in static/vendor). On a campaign's page, its lobbies as markers from
// the page's GeoJSON address; in the organisers' lobby form, a pin that fills the latitude and
// longitude fields (and follows them when they are typed). The tiles' address and attribution
// come from the element's data attributes (MAP_TILE_URL, MAP_ATTRIBUTION); with none, the map
// has no background. Without script the maps stay hidden: the list and the fields do everything.
// Its words come translated in the script element's data attributes (templates/maps/_assets.html),
// and the markers' data is asked for in the page's language.
(function () {
  "use strict";
  var WORLD = [30, 10];
  var WORDS = document.currentScript ? document.currentScript.dataset : {};

  function newMap(element) {
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false });
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, {
        maxZoom: 19,
        attribution: element.dataset.attribution || ""
      }).addTo(map);
    }
    return map;
  }

  function line(box, text, tag) {
    var part = document.createElement(tag || "div");
    part.textContent = text;
    box.appendChild(part);
    return part;
  }

  // A marker's popup, built as DOM nodes: organisers' text is never read as HTML.
  function popup(lobby) {
    var box = document.createElement("div");
    var title = line(box, "", "strong");
    var link = document.createElement("a");
    link.href = lobby.url;
    link.textContent = lobby.title;
    title.appendChild(link);
    line(box, lobby.time);
    line(box, lobby.venue + ", " + lobby.city);
    if (lobby.status === "cancelled") {
      line(box, WORDS.cancelled);
    } else if (Date.parse(lobby.ends_at) < Date.now()) {
      line(box, WORDS.past);
    }
    return box;
  }

  // The markers' address, in the page's language (their times are written in it).
  function markersUrl(element) {
    var url = new URL(element.dataset.geojson, window.location.href);
    if (document.documentElement.lang) url.searchParams.set("lang", document.documentElement.lang);
    return url.href;
  }

  function campaignMap(element) {
    fetch(markersUrl(element), { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("map data: " + response.status);
        return response.json();
      })
      .then(function (collection) {
        if (!collection.features.length) return; // nothing to show: the list says it all
        var map = newMap(element);
        var markers = L.geoJSON(collection, {
          pointToLayer: function (feature, latlng) {
            var lobby = feature.properties;
            return L.marker(latlng, { title: lobby.title, alt: lobby.title + ", " + lobby.city });
          },
          onEachFeature: function (feature, layer) {
            layer.bindPopup(popup(feature.properties));
          }
        }).addTo(map);
        // A marker stands 41 px above its point: room above the northernmost one.
        map.fitBounds(markers.getBounds(), {
          paddingTopLeft: [24, 48],
          paddingBottomRight: [24, 16],
          maxZoom: 15
        });
      })
      .catch(function () {
        element.hidden = true; // the list below still has every lobby
      });
  }

  function pinMap(element) {
    var latitude = document.getElementById("latitude");
    var longitude = document.getElementById("longitude");
    if (!latitude || !longitude) return;
    var map = newMap(element);
    var help = document.getElementById("pin-map-help");
    if (help) help.hidden = false;
    var pin = null;

    function typed() {
      var lat = parseFloat(latitude.value);
      var lng = parseFloat(longitude.value);
      if (!isFinite(lat) || !isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
        return null;
      }
      return L.latLng(lat, lng);
    }

    function fill(place) {
      place = place.wrap();
      latitude.value = place.lat.toFixed(6);
      longitude.value = place.lng.toFixed(6);
    }

    function put(place) {
      if (pin) {
        pin.setLatLng(place);
        return;
      }
      pin = L.marker(place, { draggable: true, title: WORDS.pinTitle, alt: WORDS.pinAlt });
      pin.on("dragend", function () { fill(pin.getLatLng()); });
      pin.addTo(map);
    }

    map.on("click", function (event) {
      put(event.latlng);
      fill(event.latlng);
    });
    function follow() {
      var place = typed();
      if (place) {
        put(place);
        map.setView(place, Math.max(map.getZoom(), 15));
      }
    }
    latitude.addEventListener("input", follow);
    longitude.addEventListener("input", follow);
    var start = typed();
    if (start) {
      put(start);
      map.setView(start, 15);
    } else {
      map.setView(WORLD, 2);
    }
  }

  function start() {
    if (!window.L) return;
    var campaign = document.getElementById("campaign-map");
    if (campaign && window.fetch) campaignMap(campaign);
    var pin = document.getElementById("pin-map");
    if (pin) pinMap(pin);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
