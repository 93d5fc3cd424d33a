-- case_read.lua - wrk script of bench/api.sh: GET /api/v1/cases/{id} for
-- a random id in 1..GENOP_CASES, as the benchmark's visitator (the Bearer
-- token in GENOP_TOKEN). The ceiling run uses it too, so that both runs
-- cost wrk the same per request.
local token = os.getenv("GENOP_TOKEN") or ""
local cases = tonumber(os.getenv("GENOP_CASES") or "1")
local headers = {["Authorization"] = "Bearer " .. token}
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "threads.lua")

function init(args)
  seed_random()
end

function request()
  return wrk.format("GET", "/api/v1/cases/" .. math.random(cases), headers)
end
