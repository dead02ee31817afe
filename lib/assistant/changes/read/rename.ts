/** Renames: "rename title on tasks to name", "call comments replies", "priceCents -> price", a field or a table. */
import { ground } from "./ground";
import { RENAME } from "./families";
import type { Outcome } from "./outcome";
import type { Reading } from "./reading";
import { NOT_A_NAME, STOP } from "./tokens";

/** The second new name of "rename X to Y and (also) to Z", "… to Y, or to Z", or undefined. */
/** "avatarUrl should be photoUrl": a name written as code (camelCase, digits, "_") said to be what a field becomes. */
const BECOMES_CODE_NAME =
  /\b(?:should|must|needs? to|has to|have to|will)\s+(?:be|become)\s+(?:called\s+|named\s+)?["'`]?[a-z]+[A-Z0-9_]\w*["'`]?\s*$/;

/** The old name kept in the same breath: "keep it called members", "leave the name", "don't change its name". */
const KEEPS_NAME =
  /\bkeep(?:ing)?\b|\bstill (?:be )?(?:called|named)\b|\bleav(?:e|ing) (?:it|them|the name|its name|the table|the field)\b|\b(?:do not|never|not|without) (?:change|changing|touch|touching) (?:the|its|their) names?\b|\bstays? (?:called|named|as)\b/i;

function secondTarget(text: string, first: string): string | undefined {
  const m =
    /\bto\s+["'`]?(\w+)["'`]?\s*(?:,\s*)?(?:and|or|,)\s*(?:also\s+|then\s+)?(?:to|as)\s+["'`]?([A-Za-z]\w*)/i.exec(
      text,
    );
  if (!m || m[1].toLowerCase() !== first.toLowerCase()) return undefined;
  return NOT_A_NAME.test(m[2]) || m[2].toLowerCase() === first.toLowerCase() ? undefined : m[2];
}
/** A rename; kept and renamed at once, or renamed to two names, is read so the conflict asks. */
export function renaming(r: Reading, t: string): Outcome {
  // "a new role called viewer" names something new; it renames nothing.
  // "change the name of isActive in users to enabled": "name" there is the word, not a field called name.
  const nameOf = /\b(?:change|update|set) (?:the |its )?name of\b/i.test(r.text);
  if (nameOf) dropNameOf(r);
  if (
    (RENAME.test(t) || nameOf || BECOMES_CODE_NAME.test(r.text)) &&
    !/\b(?:new|another|extra|an?) (?:\w+ ){0,2}(?:called|named)\b/i.test(t)
  ) {
    const renamed = rename(r);
    // "rename tags to labels but keep the name tags": both at once is a question.
    if (renamed && KEEPS_NAME.test(t)) return `${renamed}, but keep its name`;
    // "rename sku to code and also to barcode": one name renamed to two — read as a chain the conflict asks about.
    const first = renamed && / to (\S+)$/.exec(renamed)?.[1];
    const second = first && secondTarget(r.text, first);
    if (renamed && first && second) {
      const onField = / on (\S+) to \S+$/.exec(renamed);
      return onField
        ? `${renamed}. rename ${first} on ${onField[1]} to ${second}`
        : `${renamed}. rename ${first} table to ${second}`;
    }
    if (renamed) return renamed;
  }
  return undefined;
}

/** Drops "name" of "the name of X" from the fields the clause mentions. */
function dropNameOf(r: Reading): void {
  r.mentions = r.mentions.filter(
    (m) => !(m.kind === "field" && r.ts[m.start].w === "name" && r.ts[m.start + 1]?.w === "of"),
  );
}

/** The rename the clause asks for: a field of a table, or a table, and the new name. */
function rename(r: Reading): string | undefined {
  // The new name: after "to", "as", "into", "called", "named", "call it", "name:", or the last word of "call T X".
  const text = r.text;
  let newName: string | undefined;
  let newAt = -1;
  // What may follow the new name: the end, a scope ("… on customers"), or another clause.
  const after = String.raw`(?=\s*$|\s*[.!?,;]|\s+(?:instead|please|from now on|going forward|everywhere|throughout|across|and|but|while|yet|though|on|in|for|of|from)\b)`;
  const explicit =
    new RegExp(
      String.raw`\b(?:to|as|into|called|named|name(?: it)?|call (?:it|them|the (?:table|field|column))|say|read|with)\s+["'\x60]?([A-Za-z]\w*)["'\x60]?${after}`,
      "i",
    ).exec(text) ?? /(?:→|->|:)\s*["'`]?([A-Za-z]\w*)["'`]?\s*$/.exec(text);
  const insteadOf =
    /\b(?:say|use|read|be called)\s+["'`]?(\w+)["'`]?\s+instead\s+of\s+["'`]?(\w+)["'`]?/i.exec(text) ??
    // "I'd prefer state over status", "I prefer state to status".
    /\bprefer\s+["'`]?(\w+)["'`]?\s+(?:over|to|instead of)\s+["'`]?(\w+)["'`]?/i.exec(text);
  // "avatarUrl should be photoUrl", "email needs to become emailAddress": a name written as code is a new name.
  const becomes = new RegExp(
    String.raw`\b(?:should|must|needs? to|has to|have to|will|to)\s+(?:be|become)\s+(?:called\s+|named\s+|renamed\s+(?:to\s+)?)?["'\x60]?([a-z]+(?:[A-Z0-9_]\w*))["'\x60]?${after}`,
  ).exec(text);
  // "messages is a better name for the outreachMessages table".
  const better = /^["'`]?([A-Za-z]\w*)["'`]?\s+(?:is|would be|sounds like)\s+(?:a\s+)?better\s+name\b/i.exec(text);
  if (insteadOf) newName = insteadOf[1];
  else if (explicit) newName = explicit[1];
  else if (becomes) newName = becomes[1];
  else if (better) newName = better[1];
  else {
    // "let's call comments replies", "call T X": the name right after the thing named.
    const m =
      /\b(?:call|name)\s+(?:the\s+)?(?!(?:on|in|for|of|to|as)\b)([\w.' ]+?)\s+["'`]?([A-Za-z]\w*)["'`]?(?:\s+(?:instead|from now on))?$/i.exec(
        text,
      );
    if (m) newName = m[2];
  }
  if (!newName || NOT_A_NAME.test(newName)) return undefined;
  for (let i = r.ts.length - 1; i >= 0; i--)
    if (r.ts[i].raw === newName || r.ts[i].w === newName.toLowerCase()) {
      newAt = i;
      break;
    }
  // "to patrons and also to readers": a second new name is a name too, not a word of the schema or unexplained.
  const second = secondTarget(text, newName);
  if (second) {
    const at = r.ts.findIndex((t) => t.w === second.toLowerCase());
    if (at >= 0) {
      if (newAt === at) newAt = r.ts.findIndex((t) => t.w === newName?.toLowerCase());
      r.secondAt = at;
    }
  }
  const keep = r.mentions;
  r.mentions = ground(
    r.ts,
    r.schema,
    new Set([...(newAt >= 0 ? [newAt] : []), ...(r.secondAt >= 0 ? [r.secondAt] : [])]),
  );
  if (/\bname of\b/i.test(text)) dropNameOf(r);
  try {
    if (insteadOf) {
      const old = r.mentions.find((m) => r.ts[m.start]?.w === insteadOf[2].toLowerCase());
      if (!old) return undefined;
    }
    const s = r.subject();
    if (s) return `rename ${s.field.name} on ${s.table.name} to ${newName}`;
    const fields = r.fieldMentions();
    const tables = r.tables();
    if (fields.length && !tables.length && fields[0].hits.length > 1)
      return `rename ${fields[0].hits[0].field.name} to ${newName}`;
    const ownFields = fields.filter((m) => m.hits.some((h) => tables.includes(h.table)));
    if (tables.length === 1 && !ownFields.length && !unexplained(r, newAt))
      return `rename ${tables[0].name} table to ${newName}`;
    return undefined;
  } finally {
    if (!r.mentions.length) r.mentions = keep;
  }
}

/**
 * A word that is neither the schema's, grammar, the new name nor a word of renaming ("rename title to name in
 * tasks" when tasks has no title): the sentence says something this reading does not explain.
 */
function unexplained(r: Reading, newAt: number): boolean {
  const covered = new Set<number>([newAt, r.secondAt]);
  const tables = r.tables();
  for (const m of r.mentions)
    if (m.kind === "table" || m.hits.some((h) => tables.includes(h.table)))
      for (let k = m.start; k < m.end; k++) covered.add(k);
  return r.ts.some(
    (t, i) =>
      !covered.has(i) &&
      t.raw !== "," &&
      !STOP.has(t.w) &&
      !/^(?:rename|renamed|call|called|calling|named|name|new|table|want|like|let|really|needs?|please|from|going|forward|instead|reads?|say|rather|prefer|better|change|s|lets|keep|keeping|leave|leaving|stay|stays|touch|while|still|everywhere|throughout|prefer|over|become|becomes|better|is|sounds|switch|should|must|has|to|be)$/.test(
        t.w,
      ),
  );
}
