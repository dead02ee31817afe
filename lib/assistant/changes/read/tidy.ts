/** Lower-cased text with filler that carries no meaning for a change taken out, and the user's shorthand expanded. */
export function tidy(text: string): string {
  return (
    text
      .replace(/[“”]/g, '"')
      .replace(/[‘’]/g, "'")
      .replace(/\b(?:pls|plz|pleas|plese)\b/gi, "please")
      .replace(/\b[a-z]{5,}\b/gi, (w) => misspelt(w) ?? w)
      .replace(
        /\b(can|won|don|doesn|isn|aren|shouldn|mustn|wouldn|couldn|didn|hasn|haven|wasn|weren|needn)'?t\b/gi,
        (_m, w: string) => {
          const lower = w.toLowerCase();
          return `${lower === "can" ? "can" : lower === "won" ? "will" : lower.slice(0, -1)} not`;
        },
      )
      // "I'd like", "we're adding", "I'm": contractions said in full.
      .replace(/\b(i|we|you|they|he|she|it)'d\b/gi, "$1 would")
      .replace(/\b(we|you|they)'re\b/gi, "$1 are")
      .replace(/\bi'm\b/gi, "i am")
      .replace(/\b(i|we|you|they)'ve\b/gi, "$1 have")
      .replace(/\b(i|we|you|they|it)'ll\b/gi, "$1 will")
      // "can name be left empty in users?", "should tasks.title be required?": a question about presence said as a
      // statement.
      .replace(
        /^(can|could|may|should|must)\s+(?!(?:we|i|you|they|it|this|that|there)\b)((?:the\s+)?[\w.]+(?:\s+[\w.]+){0,2}?)\s+be\s+((?:left\s+)?(?:empty|blank|missing|null|unset|optional|required|mandatory|nullable|omitted|skipped)\b.*?)\s*\?*\s*$/i,
        "$2 $1 be $3",
      )
      // "can we get rid of currentRole": a removal, not a read ("get … of").
      .replace(/\bget rid of\b/gi, "remove")
      .replace(/\b(?:thx|thanks|thank you|cheers|ty)\s*[.!]*\s*$/i, "")
      .replace(/\b(?:true|yes)\s*\/\s*(?:false|no)\b/gi, "boolean")
      // "filtered by firstSeenAt and then by actionKey": the fields of one index, in order.
      .replace(/\b(by\s+[\w ]+?),?\s+and\s+then\s+by\b/gi, "$1 and")
      // "a boolean flag isFeatured": one type, said twice.
      .replace(/\b(boolean|bool)\s+flag\b/gi, "$1")
      // "priceCents → price", "users -> members": a rename.
      .replace(
        /^(?!\s*(?:please\s+)?(?:rename|change|move|convert|turn|switch|set|make)\b)(.+?)\s*(?:→|->|=>)\s*(\S+)$/i,
        "rename $1 to $2",
      )
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** The words of a change whose slips are corrected ("renmae", "optinal", "requried", "delte"). */
const VERBS = [
  "rename",
  "remove",
  "delete",
  "optional",
  "required",
  "mandatory",
  "nullable",
  "index",
  "searchable",
  "reference",
  "separate",
];

/**
 * The word of `VERBS` a word misspells by one slip that keeps its letters (two neighbours swapped, one letter left
 * out or doubled), or undefined. A changed letter is no slip here: "remote" is a word, not "remove".
 */
function misspelt(word: string): string | undefined {
  const w = word.toLowerCase();
  if (VERBS.includes(w)) return undefined;
  for (const v of VERBS) {
    if (w[0] !== v[0]) continue;
    if (w.length === v.length) {
      const diff = [...w].flatMap((c, i) => (c === v[i] ? [] : [i]));
      if (diff.length === 2 && diff[1] === diff[0] + 1 && w[diff[0]] === v[diff[1]] && w[diff[1]] === v[diff[0]])
        return v;
    } else if (Math.abs(w.length - v.length) === 1) {
      const [long, short] = w.length > v.length ? [w, v] : [v, w];
      // "removed" is remove's own form, "require" required's verb: neither is a slip.
      if (long.startsWith(short)) continue;
      for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return v;
    }
  }
  return undefined;
}
