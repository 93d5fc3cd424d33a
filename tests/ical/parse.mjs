// parse.mjs - reads an iCalendar text (RFC 5545) on stdin with ical.js,
// an independent parser, and prints what it found as JSON on stdout:
// {"calendar": {"version", "prodid", "method", "name"}, "events": [{"uid",
// "start", "end" (UTC, ISO 8601), "summary", "location", "description",
// "status"}]}. A text ical.js cannot parse exits 1 with the reason.
// Used by tests/api/test_calendar_feed.py; installed by install.sh.
import ICAL from "ical.js";

let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;

let vcal;
try {
  vcal = new ICAL.Component(ICAL.parse(text));
} catch (err) {
  process.stderr.write(`ical.js could not parse the feed: ${err.message}\n`);
  process.exit(1);
}
if (vcal.name !== "vcalendar") {
  process.stderr.write(`the feed is a ${vcal.name}, not a vcalendar\n`);
  process.exit(1);
}
const utc = (t) => (t ? t.toJSDate().toISOString() : null);
const events = vcal.getAllSubcomponents("vevent").map((c) => {
  const ev = new ICAL.Event(c);
  return {
    uid: ev.uid,
    start: utc(ev.startDate),
    end: utc(ev.endDate),
    start_is_utc: ev.startDate ? ev.startDate.zone === ICAL.Timezone.utcTimezone : false,
    summary: ev.summary,
    location: ev.location,
    description: ev.description,
    status: c.getFirstPropertyValue("status"),
    dtstamp: c.getFirstPropertyValue("dtstamp") ? String(c.getFirstPropertyValue("dtstamp")) : null,
  };
});
process.stdout.write(JSON.stringify({
  calendar: {
    version: vcal.getFirstPropertyValue("version"),
    prodid: vcal.getFirstPropertyValue("prodid"),
    method: vcal.getFirstPropertyValue("method"),
    name: vcal.getFirstPropertyValue("x-wr-calname"),
  },
  events,
}));
