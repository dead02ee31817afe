/** Optional or required: "make dueDate required on tasks", "some reactions have no created at". */
import { camel } from "../../designer/names";
import { ADD, OPTIONAL, REQUIRED } from "./families";
import { FIELDY, STOP } from "./tokens";
import type { Outcome } from "./outcome";
import type { Reading } from "./reading";

/** Required or optional fields; both said outright of one field is a contradiction the conflict asks about. */
export function presence(r: Reading, t: string): Outcome {
  const required = REQUIRED.test(t);
  const optional = OPTIONAL.test(t) && !/\b(?:no \w+ without|never \w+ without|can'?t \w+ without)\b/i.test(t);
  // Words that say it outright; both at once is a contradiction whatever else the sentence says ("mandatory and
  // blank", "required, but it can be missing", "required but leave it empty").
  const saysRequired =
    /\b(?:required|mandatory|compulsory|requires?|always (?:be )?set|must (?:always )?(?:have|be set)|always (?:have|has))\b/i.test(
      t,
    );
  const saysOptional =
    /\b(?:optional|nullable|never (?:be )?(?:set|filled(?: in| out)?|given|provided|entered|populated)|not set|unset|null|absent|empty|blank|missing|left out|omitted)\b/i.test(
      t,
    );
  if (required || optional || (saysRequired && saysOptional)) {
    const s = r.subject(false);
    // "users should have a required display name": a new field said with its presence is no presence change of
    // the field its last word names.
    const fresh =
      /\b(?:an?|new)\s+(?:required|mandatory|optional)\s+([a-z]+(?:\s+[a-z]+){1,3}?)(?=\s+(?:on|in|for|to|of)\b|\s*$)/i.exec(
        t,
      );
    if (
      s &&
      fresh &&
      ADD.test(t) &&
      fresh[1]
        .toLowerCase()
        .split(/\s+/)
        .every((w) => !STOP.has(w) || FIELDY.has(w)) &&
      !s.table.fields.some((f) => f.name.toLowerCase() === camel(fresh[1]).toLowerCase())
    )
      return undefined;
    if (s) {
      if (saysRequired && saysOptional) return `make ${s.table.name}.${s.field.name} both required and optional`;
      // Both families but neither word said outright: not read here (the grammar decides or asks).
      if (required && optional && !saysRequired && !saysOptional) return null;
      const isRequired = required && optional ? saysRequired : required;
      // "add an index on projectId to tasks without breaking anything": "without" makes optional only the field
      // it is said of ("allow tasks without a projectId").
      if (!isRequired && !withoutNames(t, s.field.name)) return undefined;
      // "make description and dueDate required on tasks": each field of the list.
      return r
        .subjects(s)
        .map((f) => `make ${s.table.name}.${f.name} ${isRequired ? "required" : "optional"}`)
        .join(" and ");
    }
    if (!s && r.ambiguousField()) return null;
  }
  return undefined;
}

const WITHOUT = /\b(?:without|with no)\s+(?:(?:an?|the|any|its|their|his|her)\s+)?([A-Za-z][A-Za-z0-9]*)/g;

/** What "without" is said of when it is no field: a doing ("without breaking anything") or a cost of the change. */
const NOT_A_FIELD = /^(?:\w+ing|downtime|data|migrations?|index|indexes|indices|errors?|issues?|problems?|changes?)$/i;

/**
 * Whether the optional reading stands: said by another word than "without"/"with no", or one of those is said of
 * something that can be the field ("allow tasks without a project"; not "… without breaking anything").
 */
function withoutNames(t: string, field: string): boolean {
  if (OPTIONAL.test(t.replace(/\b(?:without|with no)\b/gi, " "))) return true;
  return [...t.matchAll(WITHOUT)].some((m) => m[1] === "ITEM" || m[1] === field || !NOT_A_FIELD.test(m[1]));
}
