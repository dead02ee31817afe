/** The words of a change request: tokens with their spelling, and the words that are grammar, not names. */
export interface Token {
  /** The word as written ("billingZip", "users"). */
  raw: string;
  /** Lower case. */
  w: string;
}

/** Words that never name a table or field on their own (they are the sentence's grammar). */
export const STOP = new Set(
  (
    "a an the of on in for to from into onto by with and or but not no is are be been being it its their them they " +
    "this that these those each every all any some we i you us our my me please can could would should must may " +
    "might will shall do does did done have has had get gets make made let new own field fields column columns " +
    "table tables value values type called named name also too just only so then than when where which who what " +
    "how as at instead anymore longer more very really lot often always sometimes never yet there here one two"
  ).split(" "),
);
/** Words that cannot be a new name. */
export const NOT_A_NAME =
  /^(?:the|a|an|it|them|this|that|to|as|be|is|are|instead|please|now|too|something|else|better|different|other|required|optional|mandatory|nullable|unique|searchable|indexed)$/i;

/** Words that may name a field (they are real fields often enough) even though they are common. */
export const FIELDY = new Set(["name", "type", "value", "values"]);

/** The words of a text with their original spelling; possessive endings dropped ("users'", "task's"). */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  const cleaned = text.replace(/(\w)'s\b/g, "$1").replace(/(\w)s'(?=\s|$|[,.;:!?])/g, "$1s");
  for (const m of cleaned.matchAll(/[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)?|[0-9]+|,/g))
    out.push({ raw: m[0], w: m[0].toLowerCase() });
  return out;
}
