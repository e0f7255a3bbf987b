-- wrk: the thread JSON read by 64 members, with their session cookie (BENCH_AUTH=session), with each one's API key
-- (key), or all through one shared key (one-key: every request counts on the same rate-limit row); or replies of
-- about 1.4 KB to 10 hot threads (BENCH_AUTH=write), signed in, while a webhook may be listening.
local first, count = 100001, tonumber(os.getenv("BENCH_THREADS") or "1000")
local auth = os.getenv("BENCH_AUTH") or "session"
local tokens, keys = {}, {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
for line in io.lines(os.getenv("BENCH_KEYS")) do keys[#keys + 1] = line end
local sentence = "Congratulations on the launch, the new export works for our team and the mobile view is much faster. "
local reply = '{"body":"' .. string.rep(sentence, 14) .. '"}'
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
request = function()
  local n = math.random(#tokens)
  if auth == "write" then
    return wrk.format("POST", "/api/v1/threads/" .. (900001 + math.random(0, 9)) .. "/posts", {
      ["Cookie"] = "ruche_session=" .. tokens[n] .. "; XSRF-TOKEN=bench", ["X-XSRF-TOKEN"] = "bench",
      ["Content-Type"] = "application/json" }, reply)
  end
  local headers = { ["Accept"] = "application/json", ["Accept-Encoding"] = "gzip" }
  if auth == "session" then headers["Cookie"] = "ruche_session=" .. tokens[n]
  elseif auth == "key" then headers["Authorization"] = "Bearer " .. keys[n]
  else headers["Authorization"] = "Bearer " .. keys[1] end
  return wrk.format("GET", "/api/v1/threads/" .. math.random(first, first + count - 1) .. "?limit=20", headers)
end
