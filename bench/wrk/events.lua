-- events.lua - wrk script of bench/api.sh: POST /api/v1/cases/{id}/events
-- registering an attended 45-minute session, dated today, on a random
-- case of GENOP_OPEN_IDS (a file of ids, one a line: the seeded cases with
-- a granted decision that are not closed, so every event is admissible),
-- as the benchmark's visitator (the Bearer token in GENOP_TOKEN). Today
-- is taken in UTC, which is never after the date in Denmark.
local token = os.getenv("GENOP_TOKEN") or ""
local ids_file = os.getenv("GENOP_OPEN_IDS") or ""
local headers = {["Authorization"] = "Bearer " .. token,
                 ["Content-Type"] = "application/json"}
local ids = {}
local body = nil
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "threads.lua")

function init(args)
  for line in io.lines(ids_file) do
    ids[#ids + 1] = line
  end
  if #ids == 0 then
    error("events.lua: no case ids in " .. ids_file)
  end
  seed_random()
  body = '{"type":"session","date":"' .. os.date("!%Y-%m-%d") ..
         '","minutes":45,"outcome":"attended"}'
end

function request()
  local id = ids[math.random(#ids)]
  return wrk.format("POST", "/api/v1/cases/" .. id .. "/events", headers, body)
end
