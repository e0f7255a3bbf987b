-- wrk: members reply to 10 hot threads (posts of about 1.4 KB) and like their first posts, half and half, all at
-- once. Each request is signed in as one of 64 members (session cookie) with the double-submit CSRF token.
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local kinds = { "like", "heart", "laugh", "wow", "celebrate", "sad" }
local sentence = "Congratulations on the launch, the new export works for our team and the mobile view is much faster. "
local body = string.rep(sentence, 14) -- about 1.4 KB
local reply = '{"body":"' .. body .. '"}'
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
request = function()
  local token = tokens[math.random(#tokens)]
  local headers = {
    ["Cookie"] = "ruche_session=" .. token .. "; XSRF-TOKEN=bench",
    ["X-XSRF-TOKEN"] = "bench",
    ["Content-Type"] = "application/json",
  }
  local hot = math.random(0, 9)
  if math.random() < 0.5 then
    return wrk.format("POST", "/api/v1/threads/" .. (900001 + hot) .. "/posts", headers, reply)
  end
  return wrk.format("POST", "/api/v1/posts/" .. (9000001 + hot) .. "/reactions/" .. kinds[math.random(#kinds)],
    headers, "")
end
