// The lobby form. Choosing a target fills the place fields it finds blank (or still holding the
// previous target's place) from that target. In a new or duplicated lobby the time zone follows
// the country, unless the organiser typed one; elsewhere the zone field shows, as a placeholder,
// the zone a blank field will use (its words come translated in the country field's data
// attributes). Without JavaScript the server does the same on save.
(function () {
  "use strict";
  var country = document.getElementById("country");
  var zone = document.getElementById("timezone");
  var target = document.getElementById("target_id");
  if (!country || !zone || !country.dataset.defaultZones) return;
  var zones = JSON.parse(country.dataset.defaultZones);
  var follow = zone.hasAttribute("data-follow-country");
  // The zone this script put in the field, if it is still there (a page sent back with
  // errors holds the country's own zone as the script left it).
  var chosenZone = zone.value === zones[country.value] ? zone.value : null;

  function showDefault() {
    var guess = zones[country.value];
    if (country.value && !guess) {
      zone.placeholder = country.dataset.severalZones;
    } else {
      zone.placeholder = guess ? country.dataset.fromCountry.replace("%(zone)s", guess) : "";
    }
    if (follow && (zone.value === "" || zone.value === chosenZone)) {
      zone.value = guess || "";
      chosenZone = zone.value;
    }
  }
  zone.addEventListener("input", function () {
    chosenZone = null; // typed by the organiser: theirs from now on
  });
  country.addEventListener("change", showDefault);
  showDefault();

  if (!target || !target.dataset.targetPlaces) return;
  var places = JSON.parse(target.dataset.targetPlaces);
  var names = ["address", "postcode", "city", "country"];
  var filled = {}; // field name -> the value the last target put there
  target.addEventListener("change", function () {
    var place = places[target.value];
    if (!place) return;
    names.forEach(function (name) {
      var field = document.getElementById(name);
      if (field && (field.value === "" || field.value === filled[name])) {
        field.value = place[name] || "";
        filled[name] = field.value;
      }
    });
    showDefault();
  });
})();
