/**
 * A label in front of a change: a tag ("[Naming]", "(prisma brain)"), a ticket id ("JIRA PLAT-55:", "Linear:",
 * "support ticket #8812:"), the notation the change is written in ("in Prisma terms:", "coming from Prisma —",
 * "prisma-style:"), or a short heading that names nothing of the schema and asks nothing itself ("Data team
 * request:", "Small tidy-up:", "analyst here:"). The label is no part of the change: the text after it, unquoted.
 */
import type { SchemaModel } from "../../../schema/model";
import { ground } from "./ground";
import { tokens } from "./tokens";

const TAG = /^\s*(?:\[[^\]]{1,40}\]|\((?![^)]*\b(?:required|optional)\b)[^)]{1,40}\))\s*[:—–-]?\s*(?=\S)/;
const TICKET =
  /^\s*(?:(?:jira|linear|github|gh|asana|trello|clickup|shortcut|support|ticket|issue|bug)\b[\s:]*)*(?:[A-Z][A-Z0-9]+-\d+|#\d+)?\s*[:—–]\s*(?=\S)/i;
const NOTATION =
  /^\s*(?:(?:in|coming from|from|using|with|as|my|old)\s+)?(?:prisma|sql|postgres(?:ql)?|mysql|sqlite|convex|typescript|ts|drizzle|mongo(?:db)?|mongoose)(?:[\s-]+(?:terms|style|habit|brain|speak|syntax|notation|version|mindset|thinking|background|world|land|person))?\s*(?:\([^)]*\))?\s*[:—–-]\s*(?=\S)/i;
/** Words of a heading that still ask for something or name the schema's kinds: then it is no label. */
const NOT_HEADING =
  /\b(?:add|make|rename|remove|delete|drop|change|index|require|set|mark|link|store|track|create|split|merge|table|tables|field|fields|column|columns|index|indexes|value|values|type|types|name|names|options|choices|new|from|to|on|in|of|for|and|or)\b/i;

/** The text without a leading label; the text unchanged when there is none. */
export function unlabel(text: string, schema: SchemaModel, headings = true): string {
  let t = text;
  for (let k = 0; k < 3; k++) {
    const before = t;
    // "[notifications] …": a tag that names a table is the scope of the change, not a label.
    const tag = TAG.exec(t);
    if (tag && !ground(tokens(tag[0]), schema, new Set()).some((m) => m.kind === "table")) t = t.slice(tag[0].length);
    t = t.replace(NOTATION, "");
    const ticket = TICKET.exec(t);
    if (ticket && ticket[0].trim().length > 1 && /[A-Za-z0-9]/.test(ticket[0])) t = t.slice(ticket[0].length);
    const heading = /^\s*([A-Za-z][\w'-]*(?:\s+[\w'-]+){0,4})\s*(?::|\s[—–]\s)\s*(?=\S)/.exec(t);
    if (
      headings &&
      heading &&
      !NOT_HEADING.test(heading[1]) &&
      !ground(tokens(heading[1]), schema, new Set()).length &&
      t.slice(heading[0].length).split(/\s+/).length >= 2
    )
      t = t.slice(heading[0].length);
    if (t === before) break;
  }
  // Linear: "Rename items → inventoryItems": the quoted change.
  const quoted = /^\s*["'`](.+)["'`]\s*$/.exec(t);
  return (quoted ? quoted[1] : t).trim();
}
