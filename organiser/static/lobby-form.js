// The lobby form: show which time zone a blank zone field will use for the chosen country.
(function () {
  "use strict";
  var country = document.getElementById("country");
  var zone = document.getElementById("timezone");
  if (!country || !zone || !country.dataset.defaultZones) return;
  var zones = JSON.parse(country.dataset.defaultZones);
  function showDefault() {
    var guess = zones[country.value];
    zone.placeholder = guess ? guess + " (from the country)" : "";
  }
  country.addEventListener("change", showDefault);
  showDefault();
})();
