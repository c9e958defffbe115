// Reads an iCalendar feed from stdin with ical.js (Thunderbird's and Nextcloud's parser) and
// prints what a calendar client would see, as JSON. Time zones come only from the feed's own
// VTIMEZONE components, as for clients without a zone database of their own.
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const source = Buffer.concat(chunks).toString("utf8");

const calendar = new ICAL.Component(ICAL.parse(source));
const zones = calendar.getAllSubcomponents("vtimezone");
for (const zone of zones) ICAL.TimezoneService.register(zone);

function time(prop) {
  const value = prop.getFirstValue();
  const utc = value.toJSDate().toISOString();
  return {
    local: value.toString(),
    tzid: prop.getParameter("tzid") || null,
    zone: value.zone ? value.zone.tzid : null,
    utc: utc.replace(".000Z", "Z"),
  };
}

function text(component, name) {
  const prop = component.getFirstProperty(name);
  return prop ? prop.getFirstValue() : null;
}

// NAME and the X-WR- properties are unknown to ical.js, so it keeps them raw: unescape as TEXT.
function rawText(name) {
  const value = text(calendar, name);
  return value === null ? null : ICAL.design.icalendar.value.text.fromICAL(value);
}

const events = calendar.getAllSubcomponents("vevent").map((event) => ({
  properties: event.getAllProperties().map((p) => p.name),
  components: event.getAllSubcomponents().map((c) => c.name),
  uid: text(event, "uid"),
  sequence: text(event, "sequence"),
  status: text(event, "status"),
  summary: text(event, "summary"),
  location: text(event, "location"),
  description: text(event, "description"),
  url: text(event, "url"),
  categories: event.getAllProperties("categories").flatMap((p) => p.getValues()),
  geo: event.getFirstProperty("geo") ? event.getFirstPropertyValue("geo") : null,
  dtstamp: text(event, "dtstamp")?.toString(),
  dtstart: time(event.getFirstProperty("dtstart")),
  dtend: time(event.getFirstProperty("dtend")),
}));

console.log(
  JSON.stringify({
    components: calendar.getAllSubcomponents().map((c) => c.name),
    properties: calendar.getAllProperties().map((p) => p.name),
    name: rawText("name"),
    calname: rawText("x-wr-calname"),
    caldesc: rawText("x-wr-caldesc"),
    zones: zones.map((z) => z.getFirstPropertyValue("tzid")),
    events,
  }),
);
