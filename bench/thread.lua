-- wrk: each request reads a random thread page (20 posts) among the seeded ones.
local first, count = 100001, tonumber(os.getenv("BENCH_THREADS") or "2000")
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/threads/" .. math.random(first, first + count - 1) .. "?limit=20")
end
