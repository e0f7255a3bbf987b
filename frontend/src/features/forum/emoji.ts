// Emoji by shortcode, for the composer's picker and its ":shortcode" suggestions. The characters go into the post
// as they are (Unicode): the server stores and renders them like any other text.
export const EMOJI: [string, string][] = [
  ['smile', '😄'], ['grin', '😁'], ['joy', '😂'], ['wink', '😉'], ['blush', '😊'], ['heart_eyes', '😍'],
  ['thinking', '🤔'], ['neutral', '😐'], ['sweat_smile', '😅'], ['sad', '😢'], ['cry', '😭'], ['angry', '😠'],
  ['scream', '😱'], ['sunglasses', '😎'], ['upside_down', '🙃'], ['rolling_eyes', '🙄'], ['hugs', '🤗'],
  ['shush', '🤫'], ['party', '🥳'], ['sleepy', '😴'], ['thumbsup', '👍'], ['thumbsdown', '👎'], ['clap', '👏'],
  ['wave', '👋'], ['pray', '🙏'], ['muscle', '💪'], ['ok_hand', '👌'], ['point_up', '☝️'], ['raised_hands', '🙌'],
  ['eyes', '👀'], ['heart', '❤️'], ['broken_heart', '💔'], ['sparkles', '✨'], ['fire', '🔥'], ['star', '⭐'],
  ['tada', '🎉'], ['rocket', '🚀'], ['bulb', '💡'], ['check', '✅'], ['x', '❌'], ['warning', '⚠️'],
  ['question', '❓'], ['exclamation', '❗'], ['100', '💯'], ['zap', '⚡'], ['bug', '🐛'], ['wrench', '🔧'],
  ['gear', '⚙️'], ['lock', '🔒'], ['key', '🔑'], ['link', '🔗'], ['memo', '📝'], ['pushpin', '📌'],
  ['calendar', '📅'], ['chart', '📈'], ['package', '📦'], ['truck', '🚚'], ['phone', '📱'], ['computer', '💻'],
  ['coffee', '☕'], ['pizza', '🍕'], ['cake', '🎂'], ['gift', '🎁'], ['trophy', '🏆'], ['medal', '🏅'],
  ['sun', '☀️'], ['rainbow', '🌈'], ['snowflake', '❄️'], ['earth', '🌍'], ['bee', '🐝'], ['honey', '🍯'],
  ['flag_fr', '🇫🇷'], ['flag_eu', '🇪🇺'],
]

/** Shortcodes starting with (then containing) what was typed, eight at most. */
export function emojiMatches(typed: string, limit = 8): [string, string][] {
  const q = typed.toLowerCase()
  const starts = EMOJI.filter(([code]) => code.startsWith(q)).sort((a, b) => a[0].length - b[0].length)
  const contains = EMOJI.filter(([code]) => !code.startsWith(q) && code.includes(q))
  return [...starts, ...contains].slice(0, limit)
}

/**
 * The word being typed at the caret when it asks for a suggestion: "@jea" (a member) or ":smi" (an emoji, two
 * letters at least, so times like 10:30 do not open the list). Its start lets the choice replace it.
 */
export function tokenAt(text: string, caret: number): { kind: '@' | ':'; query: string; start: number } | null {
  const before = text.slice(0, caret)
  const match = /(^|[\s(])([@:])([\p{L}\p{N}_.+-]{0,30})$/u.exec(before)
  if (!match) return null
  const kind = match[2] as '@' | ':'
  const query = match[3]
  if (kind === ':' && query.length < 2) return null
  return { kind, query, start: before.length - query.length - 1 }
}
