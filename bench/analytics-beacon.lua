-- wrk: guests' browsers confirm a page view, each "from" its own address (X-Forwarded-For, believed from the
-- loopback proxy) and browser, a tenth of them arriving from another site; with the double-submit CSRF token.
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
local agents = { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0", "Mozilla/5.0 (Macintosh) Safari/605.1",
  "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1) Mobile Safari/604.1" }
request = function()
  local address = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  local body = math.random() < 0.1 and '{"referrer":"https://www.google.com/","embed":false}'
    or '{"referrer":null,"embed":false}'
  return wrk.format("POST", "/api/v1/analytics/view", {
    ["Cookie"] = "XSRF-TOKEN=bench", ["X-XSRF-TOKEN"] = "bench", ["Content-Type"] = "application/json",
    ["X-Forwarded-For"] = address, ["User-Agent"] = agents[math.random(#agents)],
  }, body)
end
