-- calendar_week.lua - wrk script of bench/calendar.sh: a week view of the
-- calendar benchmark's municipality, a random booked week of a random
-- therapist (GENOP_CAL_BY=therapist) or room (GENOP_CAL_BY=room), as the
-- benchmark's leder (the Bearer token in GENOP_TOKEN). The weeks,
-- therapists and rooms are read from the seed's .meta file
-- (GENOP_CAL_META; bench/seed_calendar_db.c writes it).
local token = os.getenv("GENOP_TOKEN") or ""
local by = os.getenv("GENOP_CAL_BY") or "therapist"
local headers = {["Authorization"] = "Bearer " .. token}
local weeks, values = {}, {}

-- The week view's address: week is {name = "YYYY-Www", from = DATE, to = DATE}.
-- The screens' week view (GET /calendar/week: names, places, hours, and
-- one access-log row per case shown); the plain list the figures of
-- 2026-12-06's first runs measured was
--   /api/v1/appointments?from=FROM&to=TO&KEY=VALUE
local function url(week, key, value)
  return string.format("/api/v1/calendar/week?week=%s&%s=%s", week.name, key, value)
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "threads.lua")

function init(args)
  seed_random()
  local f = assert(io.open(os.getenv("GENOP_CAL_META") or "", "r"))
  for line in f:lines() do
    local kind, a, b, c = line:match("^(%S+) (%S+) ?(%S*) ?(%S*)$")
    if kind == "week" then
      weeks[#weeks + 1] = {name = a, from = b, to = c}
    elseif kind == by then
      values[#values + 1] = a
    end
  end
  f:close()
  assert(#weeks > 0 and #values > 0, "calendar_week.lua: the .meta file names no weeks or no " .. by)
end

function request()
  return wrk.format("GET", url(weeks[math.random(#weeks)], by, values[math.random(#values)]), headers)
end
