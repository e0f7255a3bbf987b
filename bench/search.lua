-- wrk: searches for one or two random words of the seeded vocabulary.
local words = {"community", "forum", "answer", "question", "product", "invoice", "export", "mobile", "account",
  "password", "team", "feature", "idea", "merci", "bonjour", "réponse", "produit", "facture", "compte", "équipe"}
math.randomseed(os.time())
request = function()
  local q = words[math.random(#words)]
  if math.random() < 0.5 then q = q .. "+" .. words[math.random(#words)] end
  return wrk.format("GET", "/api/v1/search?q=" .. q)
end
