-- worklist.lua - wrk script of bench/api.sh: GET /api/v1/worklist (the
-- first page, 50 rows, soonest due first) as the benchmark's visitator
-- (the Bearer token in GENOP_TOKEN).
local token = os.getenv("GENOP_TOKEN") or ""
wrk.method = "GET"
wrk.path = "/api/v1/worklist"
wrk.headers["Authorization"] = "Bearer " .. token
