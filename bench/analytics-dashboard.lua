-- wrk: an admin reads the analytics dashboard. BENCH_RANGE=month: the overview of the last 28 days; year: of the
-- last 365 days; all: every report the dashboard page asks for (overview, responses, unanswered, cohorts, at-risk,
-- searches, highlights, health), in turn.
local session = os.getenv("BENCH_SESSION")
local from, to = os.getenv("BENCH_FROM"), os.getenv("BENCH_TO")
local range = os.getenv("BENCH_RANGE") or "month"
if range == "year" then from = os.getenv("BENCH_YEAR_FROM") end
local q = "?from=" .. from .. "&to=" .. to .. "&withStaff=false&category=0&group=0"
local paths = { "/api/v1/admin/analytics/overview" .. q }
if range == "all" then
  paths = {
    "/api/v1/admin/analytics/overview" .. q, "/api/v1/admin/analytics/responses" .. q,
    "/api/v1/admin/analytics/unanswered?limit=20&category=0",
    "/api/v1/admin/analytics/cohorts?from=" .. string.sub(from, 1, 7) .. "&withStaff=false",
    "/api/v1/admin/analytics/at-risk?limit=20", "/api/v1/admin/analytics/searches" .. q,
    "/api/v1/admin/analytics/highlights" .. q, "/api/v1/admin/analytics/health?from=" .. from .. "&to=" .. to,
  }
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Cookie"] = "ruche_session=" .. session })
end
