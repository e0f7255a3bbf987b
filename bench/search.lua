-- wrk: searches for one or two words people would type: mid-frequency words of the seeded vocabulary
-- (bench/target/search-words.txt, written by seed.py).
local words = {}
for line in io.lines(os.getenv("BENCH_WORDS") or "bench/target/search-words.txt") do
  words[#words + 1] = line
end
math.randomseed(os.time())
request = function()
  local q = words[math.random(#words)]
  if math.random() < 0.3 then q = q .. "+" .. words[math.random(#words)] end
  return wrk.format("GET", "/api/v1/search?q=" .. q)
end
