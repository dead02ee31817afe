/**
 * Nesting depth of JSON text, measured before parsing: a body nested 200,000 deep parses, then overflows the stack
 * of whatever walks it (validators, Convex value conversion). Convex values may nest 64 levels.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether `text` nests objects/arrays deeper than `limit` (strings are skipped, escapes respected). */
export function jsonTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
