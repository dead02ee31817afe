/** Lower-cased text with filler that carries no meaning for a change taken out, and the user's shorthand expanded. */
export function tidy(text: string): string {
  return (
    text
      .replace(/[“”]/g, '"')
      .replace(/[‘’]/g, "'")
      .replace(/\b(?:pls|plz|pleas|plese)\b/gi, "please")
      .replace(
        /\b(can|won|don|doesn|isn|aren|shouldn|mustn|wouldn|couldn|didn|hasn|haven|wasn|weren|needn)'?t\b/gi,
        (_m, w: string) => {
          const lower = w.toLowerCase();
          return `${lower === "can" ? "can" : lower === "won" ? "will" : lower.slice(0, -1)} not`;
        },
      )
      .replace(/\b(?:thx|thanks|thank you|cheers|ty)\s*[.!]*\s*$/i, "")
      .replace(/\b(?:true|yes)\s*\/\s*(?:false|no)\b/gi, "boolean")
      // "priceCents → price", "users -> members": a rename.
      .replace(
        /^(?!\s*(?:please\s+)?(?:rename|change|move|convert|turn|switch|set|make)\b)(.+?)\s*(?:→|->|=>)\s*(\S+)$/i,
        "rename $1 to $2",
      )
      .replace(/\s+/g, " ")
      .trim()
  );
}
