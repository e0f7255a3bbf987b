-- wrk: each request reads a random thread among the seeded ones, as JSON (/api/v1/threads/N) or as the page
-- (/t/N), as a guest or as a signed-in member (a session cookie from BENCH_TOKENS), gzip accepted like a browser;
-- for members also the two halves the app reads: the shared page (?shared=true, cached) and their own part (/me).
local first, count = 100001, tonumber(os.getenv("BENCH_THREADS") or "1000")
local kind = os.getenv("BENCH_KIND") or "json"
local tokens = {}
local file = os.getenv("BENCH_MEMBER") == "yes" and os.getenv("BENCH_TOKENS") or nil
if file then
  for line in io.lines(file) do tokens[#tokens + 1] = line end
end
math.randomseed(os.time())
request = function()
  local id = math.random(first, first + count - 1)
  local path = ("/t/" .. id)
  if kind == "json" then path = "/api/v1/threads/" .. id .. "?limit=20"
  elseif kind == "shared" then path = "/api/v1/threads/" .. id .. "?limit=20&shared=true"
  elseif kind == "me" then path = "/api/v1/threads/" .. id .. "/me?limit=20" end
  local headers = { ["Accept-Encoding"] = "gzip", ["Accept-Language"] = "fr-FR,fr;q=0.9,en;q=0.8",
                    ["Accept"] = kind == "html" and "text/html" or "application/json" }
  if #tokens > 0 then
    headers["Cookie"] = "ruche_session=" .. tokens[math.random(1, #tokens)]
  end
  return wrk.format("GET", path, headers)
end
