/**
 * Notations written instead of sentences, rewritten as the plain command they stand for: a commit-message prefix
 * ("feat(schema): …"), a dotted field with its type ("cities.color (text)"), "T: new field f: type" and "new field
 * on T: f type", a change of presence by arrow ("T.f: optional -> required"), a rename by arrow with a note
 * ("a -> b (table rename)"), sed's "s/a/b/", key=value arguments ("table=T from=a to=b") and a union written as
 * code ("T.f = v.union(v.literal("a"), …)"). The text unchanged when it is none of them.
 */
import type { SchemaModel } from "../../../schema/model";
import { camel } from "../../designer/names";
import { resolveFieldLoose, resolveTableLoose } from "../../designer/resolve";

export function notation(text: string, schema: SchemaModel): string {
  // "feat(schema): …", "fix(db)!: …", "chore: …": the commit-message prefix is no part of the change.
  let t = text
    .trim()
    .replace(/[.!?]+$/, "")
    .replace(/^(?:feat|fix|chore|refactor|perf|build|db|schema|nit|todo|minor|request|ask)(?:\([\w -]+\))?!?:\s+/i, "")
    .trim();
  // "non-nullable", "not null": required; "drop the v.optional around name in paymentPlans": required.
  t = t.replace(/\b(?:non[\s-]?nullable|not\s+null(?:able)?)\b/gi, "required");
  const unwrapped =
    /^(?:please\s+)?(?:drop|remove|delete|get rid of|take off|strip)\s+(?:the\s+)?v\.optional(?:\(\))?\s+(?:around|from|on|of|wrapping)\s+(.+)$/i.exec(
      t,
    );
  if (unwrapped) return `make ${unwrapped[1]} required`;
  // "add sortOrder on rooms, every row must have it", "add isVisible to bookings, a boolean, not optional": a new
  // field's presence said after it, in words.
  const presence_ = /^(?:please\s+)?add\b/i.test(t)
    ? [
        /,\s*(?:(?:every|each|all)\s+(?:rows?|records?|documents?|entries|entry|items?)\s+(?:must|should|has to|have to|needs? to)\s+have\s+(?:it|one|a value)|(?:not|never)\s+optional|it\s+(?:must|should)\s+always\s+be\s+set)\s*$/i.exec(
          t,
        ) && "required",
        /,\s*(?:not\s+required|it\s+(?:can|may)\s+be\s+(?:empty|missing))\s*$/i.exec(t) && "optional",
      ].find(Boolean)
    : undefined;
  if (presence_ && !/\b(?:required|mandatory|optional)\b/i.test(t.replace(/,[^,]*$/, "")))
    t = t.replace(/,[^,]*$/, "").replace(/^((?:please\s+)?add)\s+(?:an?\s+)?/i, `$1 ${presence_} `);
  else if (presence_) t = t.replace(/,[^,]*$/, "");
  // "string[]": an array of that type, said in words.
  t = t.replace(/\b([a-z]+)\[\]/gi, "array of $1s");
  const table = (phrase: string) => resolveTableLoose(schema, phrase.trim());
  const fieldOf = (tableName: string, name: string) =>
    schema.tables.find((x) => x.name === tableName)?.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());

  // "T.f: optional -> required", "f on T: required → optional": presence by arrow.
  const presence =
    /^(.+?)\s*:?\s*\b(optional|required|nullable|mandatory)\s*(?:->|→|=>|to)\s*(optional|required|nullable|mandatory)\s*$/i.exec(
      t,
    );
  if (presence && presence[2].toLowerCase() !== presence[3].toLowerCase())
    return `make ${presence[1].replace(/[:\s]+$/, "")} ${/^(?:optional|nullable)$/i.test(presence[3]) ? "optional" : "required"}`;

  // "a -> b (table rename)", "a → b (rename the field)": a rename by arrow; the note says of what.
  const arrow = /^["'`]?([\w.]+(?:\s[\w.]+)?)["'`]?\s*(?:->|→|=>)\s*["'`]?(\w+)["'`]?\s*\(([^)]*)\)\s*$/i.exec(t);
  if (arrow && /\brenam/i.test(arrow[3])) {
    if (/\btable\b/i.test(arrow[3]) && table(arrow[1])) return `rename ${arrow[1]} table to ${arrow[2]}`;
    return `rename ${arrow[1]} to ${arrow[2]}`;
  }

  // "platform settings: updatedAt -> modifiedAt": a rename by arrow on the table named first.
  const scoped = /^["'`]?([\w ]+?)["'`]?\s*:\s*["'`]?(\w+)["'`]?\s*(?:->|→|=>)\s*["'`]?(\w+)["'`]?$/.exec(t);
  const scopedTable = scoped && table(scoped[1]);
  if (scoped && scopedTable) return `rename ${scoped[2]} on ${scopedTable.name} to ${scoped[3]}`;

  // sed: "s/type/kind/ on notifications", "s/users/accounts/ for the table name".
  const sed = /^s\/([^/\s]+)\/([^/\s]+)\/g?\s*(.*)$/i.exec(t);
  if (sed) {
    const rest = sed[3].replace(/\b(?:please|pls|plz)\b/gi, "").trim();
    const isTable =
      table(sed[1]) && (!rest || /\btables?\b/i.test(rest)) && !/\b(?:on|in|of)\s+(?!the\s+table)\w/i.test(rest);
    if (isTable) return `rename ${sed[1]} table to ${sed[2]}`;
    const on = /\b(?:on|in|of|for|from)\s+(?:the\s+)?(.+?)(?:\s+(?:table|collection))?$/i.exec(rest);
    return `rename ${sed[1]} to ${sed[2]}${on ? ` on ${on[1]}` : ""}`;
  }

  // "rename field: table=embeddings from=text to=body", "rename table from=a to=b".
  const pairs = new Map<string, string>();
  for (const m of t.matchAll(/\b(\w+)\s*=\s*["'`]?([\w.]+)["'`]?/g)) pairs.set(m[1].toLowerCase(), m[2]);
  const from = pairs.get("from");
  const to = pairs.get("to");
  if (/^(?:please\s+)?rename\b/i.test(t) && from && to) {
    const on = pairs.get("table");
    if (/^(?:please\s+)?rename\s+table\b/i.test(t) || (!on && table(from))) return `rename ${from} table to ${to}`;
    if (on) return `rename ${from} on ${on} to ${to}`;
  }

  // "index on jobs (status, created at) please, in that order": the fields of an index in parentheses.
  const indexOn =
    /^(?:please\s+)?(?:add\s+)?(?:an?\s+)?(?:compound\s+)?index\s+(?:on|for)\s+(?:the\s+)?([\w ]+?)(?:\s+table)?\s*\(([^)]+)\)/i.exec(
      t,
    );
  const indexTable = indexOn && table(indexOn[1]);
  if (indexOn && indexTable && indexOn[2].includes(","))
    return `index ${indexTable.name} by ${indexOn[2].split(/\s*,\s*/).join(" and ")}`;

  // "the table skills should be abilities too", "table assignments must have new name homework": a table's new
  // name said of the table (a name, not a state: "should be empty", "must be archived").
  const tableName =
    /\btable\s+["'`]?(\w+)["'`]?\s+(?:should|must|has to|needs to|will)\s+(?:be\s+(?:called\s+|named\s+|renamed\s+(?:to\s+)?)?|have\s+(?:the\s+|a\s+)?new\s+name\s+|get\s+(?:the\s+|a\s+)?new\s+name\s+)["'`]?([A-Za-z]\w*)["'`]?/i.exec(
      t,
    );
  const renamedTable = tableName && table(tableName[1]);
  if (
    tableName &&
    renamedTable &&
    !table(tableName[2]) &&
    !/^(?:empty|required|optional|unique|indexed|public|private|searchable|smaller|bigger|faster|gone|kept|there|\w+ed|\w+able|\w+ly)$/i.test(
      tableName[2],
    )
  )
    return `rename ${renamedTable.name} table to ${tableName[2]}`;

  // "customers is a bad name, use clients", "I'd prefer clients over customers as the table name", "we've started
  // calling customers clients": a table's new name said as a preference.
  const preferred =
    /^(?:the\s+)?["'`]?(\w+)["'`]?\s+(?:table\s+)?(?:is\s+an?\s+(?:bad|confusing|poor|wrong|misleading|weird|odd|unclear)\s+name|name\s+is\s+(?:bad|confusing|misleading|unclear))\b[^,;.]*[,;.]?\s*(?:let'?s\s+|please\s+|just\s+)?(?:use|call it|name it|rename it to|go with)\s+["'`]?(\w+)["'`]?(?:\s+instead)?$/i.exec(
      t,
    ) ??
    /\bprefer\s+["'`]?(\w+)["'`]?\s+(?:over|to|instead of)\s+["'`]?(\w+)["'`]?\s+(?:as|for)\s+(?:the\s+)?(?:table\s+)?name\b/i
      .exec(t)
      ?.map((x, i, m) => (i === 1 ? m[2] : i === 2 ? m[1] : x)) ??
    /\b(?:started|start|begun|begin|been)\s+calling\s+(?:the\s+)?["'`]?(\w+)["'`]?\s+["'`]?(\w+)["'`]?/i.exec(t);
  const preferredTable = preferred && table(preferred[1]);
  if (
    preferred &&
    preferredTable &&
    !table(preferred[2]) &&
    !/^(?:in|on|at|the|a|an|now|everywhere)$/i.test(preferred[2])
  )
    return `rename ${preferredTable.name} table to ${preferred[2]}`;

  // "phone should be phoneNumber in branches": a field's new name, written as a name (camelCase), said of it.
  const fieldName =
    /^["'`]?(\w+)["'`]?\s+(?:should|must|has to|needs to)\s+be\s+(?:called\s+|named\s+|renamed\s+(?:to\s+)?)?["'`]?([a-z]+[A-Z]\w*)["'`]?\s+(?:in|on|of|for)\s+(?:the\s+)?([\w ]+?)(?:\s+table)?$/.exec(
      t,
    );
  const fieldTable = fieldName && table(fieldName[3]);
  if (fieldName && fieldTable && fieldOf(fieldTable.name, fieldName[1]) && !fieldOf(fieldTable.name, fieldName[2]))
    return `rename ${fieldName[1]} on ${fieldTable.name} to ${fieldName[2]}`;

  // "add a projects ref to employeeInvites": the table the reference is added to is the one after "to";
  // "a foreign key from system config to documents": from the first to the second.
  const ref =
    /^(?:please\s+)?(?:add|create|put)\s+(?:an?\s+)?([\w ]+?)\s+(?:ref|reference|link|pointer|foreign key|fk)\s+(?:to|on|in|onto)\s+(?:the\s+|each\s+|every\s+)?([\w ]+?)(?:\s+table)?$/i.exec(
      t,
    );
  if (ref && table(ref[1]) && table(ref[2])) return `${table(ref[2])?.name} references ${table(ref[1])?.name}`;
  const fk =
    /\b(?:foreign key|fk|reference|ref|link)\s+from\s+(?:the\s+|each\s+|every\s+)?([\w ]+?)\s+to\s+(?:the\s+|a\s+|an\s+)?([\w ]+?)(?:\s+table)?$/i.exec(
      t,
    );
  if (fk && table(fk[1]) && table(fk[2])) return `${table(fk[1])?.name} references ${table(fk[2])?.name}`;
  // "every prompt has one user, please add the link": one of the other table for each.
  const one =
    /^(?:every|each)\s+([\w ]+?)\s+(?:has|belongs to|is owned by|needs)\s+(?:exactly\s+)?(?:one|a single|an?)\s+([\w ]+?)\s*(?:[,;.]\s*(?:please\s+)?(?:add|store|record|create|make)\b.*)?$/i.exec(
      t,
    );
  if (one && table(one[1]) && table(one[2]) && table(one[1]) !== table(one[2]))
    return `${table(one[1])?.name} references ${table(one[2])?.name}`;

  // "the query event ticket tiers where saleEndsAt == x is slow": an equality that needs an index.
  const where =
    /^(?:the\s+)?(?:query|queries|lookup|read|reads)\s+(?:on\s+|of\s+|over\s+)?(?:the\s+)?([\w ]+?)\s+where\s+([\w ]+?)\s*(?:===?|=|is)\s*\S+.*\b(?:slow|index)/i.exec(
      t,
    );
  if (where && table(where[1])) return `index ${table(where[1])?.name} by ${where[2]}`;

  // "set a tenantHealthScore's category to on_hold": a value the field's list does not hold yet is added to it.
  const setTo = /\bset\s+(?:an?\s+|the\s+|each\s+|every\s+)?([\w ]+?)'s\s+(\w+)\s+to\s+["'`]?([\w-]+)["'`]?$/i.exec(t);
  const setTable = setTo && table(setTo[1]);
  const setField = setTable && fieldOf(setTable.name, setTo[2]);
  if (setTo && setTable && setField && setField.validator.kind === "union") {
    const values = setField.validator.members.map((m) => (m.kind === "literal" ? String(m.value) : ""));
    if (!values.includes(setTo[3])) return `add ${setTo[3]} to the ${setField.name} of ${setTable.name}`;
  }

  // "the email field on a user should be named contact email": a field's new name, said with a naming verb.
  const naming =
    /^(?:the\s+)?["'`]?([\w ]+?)["'`]?(?:\s+(?:field|column))?\s+(?:on|of|in)\s+(?:an?\s+|the\s+|each\s+|every\s+)?([\w ]+?)(?:\s+table)?\s+(?:should|must|needs to|has to|will)\s+be\s+(?:named|called|renamed(?:\s+to)?)\s+["'`]?([A-Za-z][\w ]*?)["'`]?$/i.exec(
      t,
    );
  const namingTable = naming && table(naming[2]);
  const namingField = namingTable && resolveFieldLoose(namingTable, naming[1]);
  if (naming && namingTable && namingField && naming[3].split(/\s+/).length <= 3)
    return `rename ${namingField.name} on ${namingTable.name} to ${camel(naming[3])}`;

  // "T.f = v.union(v.literal("a"), v.literal("b"))": a new field with its values, written as code.
  const union = /^["'`]?(\w+)\.(\w+)["'`]?\s*[:=]\s*(?:v\.optional\(\s*)?v\.union\((.+)\)\s*\)?\s*;?$/i.exec(t);
  if (union && table(union[1])) {
    const values = [...union[3].matchAll(/v\.literal\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    if (values.length >= 2) return `give ${table(union[1])?.name} a ${union[2]} (${values.join(", ")})`;
  }

  // "T: new field f: type", "new field on T: f type", "T: new field f (type)": a new field by label.
  const labelled =
    /^["'`]?([\w ]+?)["'`]?\s*:\s*(?:add\s+)?(?:an?\s+)?new\s+(?:field|column|attribute|property)\s*:?\s+["'`]?([A-Za-z]\w*)["'`]?\s*(?::|,|\(|\s)\s*(.+?)\)?$/i.exec(
      t,
    ) ??
    /^(?:please\s+)?(?:add\s+)?(?:an?\s+)?new\s+(?:field|column|attribute|property)\s+(?:on|to|in|for)\s+(?:the\s+)?["'`]?([\w ]+?)["'`]?(?:\s+table)?\s*:\s*["'`]?([A-Za-z]\w*)["'`]?\s*(?::|,|\(|\s)\s*(.+?)\)?$/i.exec(
      t,
    );
  const labelledTable = labelled && table(labelled[1]);
  if (labelled && labelledTable && !fieldOf(labelledTable.name, labelled[2]))
    return `add ${labelled[2]} (${labelled[3].trim()}) to ${labelledTable.name}`;

  // "cities.color (text)", "users.rating: number": a new field of a table, dotted, with its type.
  const dotted = /^["'`]?(\w+)\.([A-Za-z]\w*)["'`]?\s*(?:\(([^)]+)\)|:\s*([\w\s[\]]+))\s*$/i.exec(t);
  const dottedTable = dotted && table(dotted[1]);
  if (dotted && dottedTable && !fieldOf(dottedTable.name, dotted[2]) && !/[,|/]/.test(dotted[3] ?? dotted[4] ?? ""))
    t = `add ${dotted[2]} (${(dotted[3] ?? dotted[4]).trim()}) to ${dottedTable.name}`;
  return t;
}
