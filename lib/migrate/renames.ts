/**
 * Rename detection. Proposes candidates with a confidence (same type, similar name, overlapping sampled data);
 * the injected resolver confirms each one. A rename is never assumed.
 */
import pluralize from "pluralize";
import type { Field, SchemaModel, Table } from "../schema/model";
import { sameValidator, validatorToCode } from "../schema/model";
import type { MergeHow, RenameCandidate, RenameResolver } from "./changes";
import type { ConfirmedRenames, FieldMerge, FieldRename, TableRename } from "./diff";
import { conversionFor } from "./plan/backfill";
import { renameIdTable } from "./remap";
import { fieldSubsumes, subsumes } from "./subsume";
import { compileField } from "./validate";

/** Sampled documents by table, used as extra evidence for renames. */
export interface RenameSamples {
  from?: Record<string, Record<string, unknown>[]>;
  to?: Record<string, Record<string, unknown>[]>;
}

export interface RenameOptions {
  samples?: RenameSamples;
  /** Candidates below this confidence are not proposed. @default 0.6 */
  threshold?: number;
}

/** Levenshtein distance (two-row dynamic programme). */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** Lower-case singular word tokens of an identifier: `user_IDs` → ["user", "id"]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((t) => pluralize.singular(t.toLowerCase()));
}

/** 0..1 similarity of two names: the better of edit distance and token overlap. */
export function nameSimilarity(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const edit = 1 - levenshtein(x, y) / Math.max(x.length, y.length, 1);
  return Math.max(edit, jaccard(nameTokens(a), nameTokens(b)));
}

function jaccard<T>(a: T[], b: T[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The name evidence counted for the only dropped and the only added field of one type in a table. */
const UNIQUE_PAIR_NAME = 0.5;

/** Below this name similarity, a same-type pair needs more evidence than its type (uniqueness or sampled data). */
const UNRELATED_NAME = 0.3;

/** From this name similarity on, a pair whose type changed is still a rename candidate (with a conversion). */
const CLOSE_NAME = 0.6;

/** A changed-type candidate's confidence is this plus a quarter of its name similarity (0.6 … 0.7). */
const CHANGED_TYPE_BASE = 0.45;

/** Table rename candidates: tables only in `from` × tables only in `to`, best first. */
export function tableRenameCandidates(from: SchemaModel, to: SchemaModel, opts: RenameOptions = {}): RenameCandidate[] {
  const newNames = new Set(to.tables.map((t) => t.name));
  const oldNames = new Set(from.tables.map((t) => t.name));
  const dropped = from.tables.filter((t) => !newNames.has(t.name));
  const added = to.tables.filter((t) => !oldNames.has(t.name));
  const gone = new Set(dropped.map((t) => t.name));
  const come = new Set(added.map((t) => t.name));
  const out: RenameCandidate[] = [];
  for (const a of dropped) {
    for (const b of added) {
      const shape = jaccard(signature(a, gone, b.name), signature(b, come));
      const name = nameSimilarity(a.name, b.name);
      const confidence = round(0.6 * shape + 0.4 * name);
      if (confidence < (opts.threshold ?? 0.6)) continue;
      out.push({
        kind: "table",
        from: a.name,
        to: b.name,
        confidence,
        reasons: [`${Math.round(shape * 100)}% of fields match`, `name similarity ${round(name)}`],
      });
    }
  }
  return mutualBest(out).sort(byConfidence);
}

/**
 * A table's fields as comparable strings: name, optionality and the validator as code (source locations left out, so
 * a field whose definition moved in the file still matches). Ids of tables in `renaming` (the tables gone, for the
 * old side; the tables come, for the new side) are read as ids of "a renamed table": `variantId: v.id("variants")`
 * matches `variantId: v.id("carVariants")` when variants → carVariants is itself a candidate, and a table's ids of
 * itself match after its own rename. With `renamedTo`, a field named after the table takes the new name the same way
 * (`draftText` in drafts → notes matches `noteText`).
 */
function signature(t: Table, renaming: Set<string>, renamedTo?: string): string[] {
  return t.fields.map((f) => {
    const v = [...renaming].reduce((x, r) => renameIdTable(x, r, "*"), f.validator);
    const name = (renamedTo && idOnlyName(f.name, t.name, renamedTo)) || f.name;
    return `${name}:${f.optional ? "?" : ""}${validatorToCode(v)}`;
  });
}

/**
 * Drops a candidate a → b when both ends have a strictly better candidate elsewhere (a → b' and a' → b): it is only
 * the cross pair of two better pairings (`model_kind_userId_role` → `model_kind_chatId` beside `…userId_role` →
 * `…userId` and `…chatId_role` → `…chatId`), and would be asked again once those are answered.
 */
function mutualBest(cands: RenameCandidate[]): RenameCandidate[] {
  const scope = (c: RenameCandidate) => c.table ?? "";
  return cands.filter(
    (c) =>
      !(
        cands.some((o) => scope(o) === scope(c) && o.from === c.from && o.to !== c.to && o.confidence > c.confidence) &&
        cands.some((o) => scope(o) === scope(c) && o.to === c.to && o.from !== c.from && o.confidence > c.confidence)
      ),
  );
}

/** Field rename candidates within tables present in both schemas (after confirmed table renames). */
export function fieldRenameCandidates(
  from: SchemaModel,
  to: SchemaModel,
  tableRenames: TableRename[],
  opts: RenameOptions = {},
): RenameCandidate[] {
  const oldNameOf = new Map(tableRenames.map((r) => [r.to, r.from]));
  const out: RenameCandidate[] = [];
  const merged = new Set(
    mergeCandidates(from, to, tableRenames).flatMap((m) => [
      ...(m.sources ?? []).map((f) => `${m.table}:from:${f}`),
      `${m.table}:to:${m.to}`,
    ]),
  );
  for (const t of to.tables) {
    const oldName = oldNameOf.get(t.name) ?? t.name;
    const old = from.tables.find((x) => x.name === oldName);
    if (!old || (oldName === t.name && tableRenames.some((r) => r.from === t.name))) continue;
    const newNames = new Set(t.fields.map((f) => f.name));
    const oldNames = new Set(old.fields.map((f) => f.name));
    const dropped = old.fields.filter((f) => !newNames.has(f.name) && !merged.has(`${t.name}:from:${f.name}`));
    const added = t.fields.filter((f) => !oldNames.has(f.name) && !merged.has(`${t.name}:to:${f.name}`));
    // The only field of its type gone and the only one of that type come in the same table: the pairing itself is
    // evidence, whatever the names (`id` → `namespace`, `id` → `key`).
    const typeOf = (f: Field, renamed: boolean) =>
      `${f.optional ? "?" : ""}${validatorToCode(renamed ? tableRenames.reduce((v, r) => renameIdTable(v, r.from, r.to), f.validator) : f.validator)}`;
    const count = (xs: string[], x: string) => xs.filter((y) => y === x).length;
    const goneTypes = dropped.map((f) => typeOf(f, true));
    const comeTypes = added.map((f) => typeOf(f, false));
    for (const a of dropped) {
      for (const b of added) {
        const ta = typeOf(a, true);
        const unique = ta === typeOf(b, false) && count(goneTypes, ta) === 1 && count(comeTypes, ta) === 1;
        const c = fieldCandidate(t.name, oldName, a, b, opts, tableRenames, unique);
        if (c.confidence >= (opts.threshold ?? 0.6)) out.push(c);
      }
    }
  }
  return mutualBest(out).sort(byConfidence);
}

function fieldCandidate(
  table: string,
  oldTable: string,
  a0: Field,
  b: Field,
  opts: RenameOptions,
  tableRenames: TableRename[] = [],
  unique = false,
): RenameCandidate {
  // Ids follow a confirmed table rename: `agentId: v.id("agents")` is the same field as `playerId: v.id("players")`
  // once agents → players, and its name changes the same way.
  const carried = tableRenames.find(
    (r) => mentionsTable(a0.validator, r.from) && idOnlyName(a0.name, r.from, r.to) === b.name,
  );
  const a = { ...a0, validator: tableRenames.reduce((v, r) => renameIdTable(v, r.from, r.to), a0.validator) };
  const same = sameValidator(a.validator, b.validator) && a.optional === b.optional;
  const type = same ? 1 : fieldSubsumes(b, a) || fieldSubsumes(a, b) ? 0.6 : 0;
  const similar = nameSimilarity(a.name, b.name);
  const name = carried ? 1 : unique ? Math.max(similar, UNIQUE_PAIR_NAME) : similar;
  const reasons = [
    same ? "same type" : type ? "compatible type" : "different type",
    `name similarity ${round(similar)}`,
  ];
  if (carried) reasons.push(`ids of "${carried.from}", renamed to "${carried.to}"`);
  if (unique && !carried && similar < UNIQUE_PAIR_NAME)
    reasons.push("the only field of this type dropped and the only one added in the table");
  const data = dataEvidence(oldTable, table, a, b, opts.samples);
  let confidence = (0.5 * type + 0.35 * name) / 0.85;
  const conversion = type ? undefined : conversionFor(a.validator, b.validator, new Map());
  if (!type && !carried && similar >= CLOSE_NAME && (conversion || shapeOf(a.validator) === shapeOf(b.validator))) {
    // Close names and a changed type (`status` → `state`, one set of literals to another): still a rename, whose
    // values the plan converts (or asks a default for) instead of dropping them with the old field; the same holds
    // for an object or a union of objects whose members changed. A value turned into an object or a record (or
    // back) with no conversion is a new structure, not a rename.
    confidence = Math.max(confidence, CHANGED_TYPE_BASE + 0.25 * similar);
    reasons.push(
      conversion
        ? `type changes from ${validatorToCode(a.validator)} to ${validatorToCode(b.validator)}: values converted (${conversion.kind})`
        : `type changes from ${validatorToCode(a.validator)} to ${validatorToCode(b.validator)}: values that do not fit need a conversion or a default`,
    );
  }
  if (data !== undefined) {
    confidence = 0.5 * type + 0.35 * name + 0.15 * data;
    reasons.push(`sampled data overlap ${round(data)}`);
  } else if (!carried && !unique && similar < UNRELATED_NAME) {
    // A type alone is no evidence when several fields of it changed: `phone` → `source` beside other new strings.
    confidence = Math.min(confidence, 0.5);
    reasons.push("unrelated names, and other fields of this type changed too");
  }
  return { kind: "field", table, from: a.name, to: b.name, confidence: round(confidence), reasons };
}

/**
 * The kind of value a validator holds, whatever its details: a scalar (primitives, ids, literals and unions of them),
 * an object (or a union of objects), an array, a record; "mixed" for unions across these, "any".
 */
function shapeOf(v: Field["validator"]): string {
  if (v.kind === "union") {
    const kinds = new Set(v.members.map(shapeOf));
    return kinds.size === 1 ? [...kinds][0] : "mixed";
  }
  if (v.kind === "object" || v.kind === "array" || v.kind === "record" || v.kind === "any") return v.kind;
  return "scalar";
}

/** Overlap of sampled values (old vs new data), or the share of old values valid under the new field. */
function dataEvidence(
  oldTable: string,
  table: string,
  a: Field,
  b: Field,
  samples?: RenameSamples,
): number | undefined {
  const olds = samples?.from?.[oldTable]?.map((d) => d[a.name]).filter((x) => x !== undefined);
  if (!olds?.length) return undefined;
  const news = samples?.to?.[table]?.map((d) => d[b.name]).filter((x) => x !== undefined);
  if (news?.length) return jaccard(olds.map(stableKey), news.map(stableKey));
  const check = compileField(b);
  return olds.filter((x) => check(x)).length / olds.length;
}

/** Whether `v` holds ids of `table` anywhere. */
function mentionsTable(v: Field["validator"], table: string): boolean {
  return JSON.stringify(v).includes(`"table":${JSON.stringify(table)}`);
}

/** `agentId` with the table agents → players renamed: `playerId` (the singular table name swapped in the field name). */
export function idOnlyName(field: string, fromTable: string, toTable: string): string | undefined {
  const from = pluralize.singular(fromTable);
  const to = pluralize.singular(toTable);
  const at = field.toLowerCase().indexOf(from.toLowerCase());
  if (at < 0) return undefined;
  const piece = field.slice(at, at + from.length);
  const cased =
    piece[0] === piece[0].toUpperCase() ? to[0].toUpperCase() + to.slice(1) : to[0].toLowerCase() + to.slice(1);
  return field.slice(0, at) + cased + field.slice(at + from.length);
}

/**
 * Merge candidates: a new field whose name is the common part of two or more dropped fields of the same table
 * (`billableTokens` + `unbillableTokens` → `tokens`), of a type that holds each of them.
 */
export function mergeCandidates(
  from: SchemaModel,
  to: SchemaModel,
  tableRenames: TableRename[] = [],
): RenameCandidate[] {
  const oldNameOf = new Map(tableRenames.map((r) => [r.to, r.from]));
  const out: RenameCandidate[] = [];
  for (const t of to.tables) {
    const old = from.tables.find((x) => x.name === (oldNameOf.get(t.name) ?? t.name));
    if (!old) continue;
    const added = t.fields.filter((f) => !old.fields.some((o) => o.name === f.name));
    const dropped = old.fields.filter((f) => !t.fields.some((n) => n.name === f.name));
    for (const b of added) {
      const want = new Set(nameTokens(b.name));
      // `id` alone is no common part: every reference field ends in it (`polarId` + `pendingId` is not an `id`).
      if ([...want].every((x) => GENERIC_TOKENS.has(x))) continue;
      const sources = dropped.filter((a) => {
        const have = nameTokens(a.name);
        return (
          have.length > want.size &&
          [...want].every((x) => have.includes(x)) &&
          fieldSubsumes({ ...b, optional: true }, a)
        );
      });
      if (sources.length < 2) {
        const nested = objectMerge(t.name, b, dropped) ?? arrayMerge(t.name, b, dropped);
        if (nested) out.push(nested);
        continue;
      }
      const names = sources.map((f) => f.name);
      out.push({
        kind: "merge",
        table: t.name,
        from: names.join("+"),
        to: b.name,
        sources: names,
        how: mergeHow(b),
        confidence: 0.9,
        reasons: [
          `"${b.name}" is the common part of ${names.map((n) => `"${n}"`).join(" and ")}`,
          `combined by ${mergeHow(b)}`,
        ],
      });
    }
  }
  return out;
}

/**
 * Fields nested into a new object field: two or more dropped fields, each matching a member of the object by name
 * (`variables`, or the object's name and the member's: `templateVariables`) and by type (the member holds it), and
 * every required member matched. The data step builds the object from them. A member named after the object and
 * itself whose type changed (`templateVariables: v.string()` → `template.variables: v.record(…)`) still matches when
 * another member matches by type too; the candidate says its values need a conversion (the plan asks for it).
 */
function objectMerge(table: string, b: Field, dropped: Field[]): RenameCandidate | undefined {
  if (b.validator.kind !== "object") return undefined;
  const key = (...names: string[]) => names.flatMap(nameTokens).join(" ");
  const sources: string[] = [];
  const members: string[] = [];
  const changed: string[] = [];
  for (const m of b.validator.fields) {
    const free = dropped.filter((x) => !sources.includes(x.name));
    const named = (x: Field) => key(x.name) === key(m.name) || key(x.name) === key(b.name, m.name);
    const d =
      free.find((x) => named(x) && subsumes(m.validator, x.validator)) ??
      free.find((x) => key(x.name) === key(b.name, m.name));
    if (d) {
      sources.push(d.name);
      members.push(m.name);
      if (!subsumes(m.validator, d.validator))
        changed.push(
          `member "${m.name}" is ${validatorToCode(m.validator)}, "${d.name}" was ${validatorToCode(d.validator)}: its values need a conversion`,
        );
    } else if (!m.optional) return undefined;
  }
  // At least one member must hold its source as it is: names alone are not enough.
  if (sources.length < 2 || changed.length === sources.length) return undefined;
  return {
    kind: "merge",
    table,
    from: sources.join("+"),
    to: b.name,
    sources,
    how: "object",
    members,
    confidence: changed.length ? 0.75 : 0.85,
    reasons: [
      `"${b.name}" is an object whose members ${members.map((m, i) => `"${m}" (← "${sources[i]}")`).join(", ")} match dropped fields by name${changed.length ? "" : " and type"}`,
      ...changed,
      "combined by building the object",
    ],
  };
}

/**
 * Same-typed fields collected into a new array field: two or more dropped fields of one type that the array's
 * element holds, whose names all contain the array's name (`aImage`, `bImage` → `images`; `image1`, `image2`). The
 * data step collects them in the old table's order, leaving out those unset.
 */
function arrayMerge(table: string, b: Field, dropped: Field[]): RenameCandidate | undefined {
  if (b.validator.kind !== "array") return undefined;
  const element = b.validator.element;
  const want = nameTokens(b.name);
  if (want.every((x) => GENERIC_TOKENS.has(x))) return undefined;
  const withDigits = (n: string) => nameTokens(n.replace(/([A-Za-z])(\d)/g, "$1_$2"));
  const fits = dropped.filter(
    (d) => want.every((x) => withDigits(d.name).includes(x)) && subsumes(element, d.validator),
  );
  // One type for all of them: the most common type among the fitting fields.
  const typeOf = (f: Field) => validatorToCode(f.validator);
  const types = [...new Set(fits.map(typeOf))];
  const best = types.sort(
    (x, y) => fits.filter((f) => typeOf(f) === y).length - fits.filter((f) => typeOf(f) === x).length,
  )[0];
  const sources = fits.filter((f) => typeOf(f) === best).map((f) => f.name);
  if (sources.length < 2) return undefined;
  return {
    kind: "merge",
    table,
    from: sources.join("+"),
    to: b.name,
    sources,
    how: "array",
    confidence: 0.85,
    reasons: [
      `${sources.map((n) => `"${n}"`).join(" and ")} are of one type that "${b.name}"'s elements hold, and named after it`,
      "combined by collecting those set, in order",
    ],
  };
}

/** Name tokens too common to make a merge's common part on their own. */
const GENERIC_TOKENS = new Set(["id"]);

/** How a merge combines its sources, by the merged field's type. */
export function mergeHow(f: Field): MergeHow {
  const kinds = f.validator.kind === "union" ? f.validator.members.map((m) => m.kind) : [f.validator.kind];
  if (kinds.every((k) => k === "number" || k === "int64" || k === "null")) return "sum";
  if (kinds.every((k) => k === "string" || k === "null")) return "concat";
  return "first";
}

function stableKey(x: unknown): string {
  return typeof x === "bigint" ? `${x}n` : JSON.stringify(x);
}

function byConfidence(a: RenameCandidate, b: RenameCandidate): number {
  return b.confidence - a.confidence || a.from.localeCompare(b.from) || a.to.localeCompare(b.to);
}

/**
 * Asks the resolver about each candidate, best first, one-to-one: once a name is part of a confirmed
 * rename, other candidates using it are skipped.
 */
export async function resolveRenames(
  from: SchemaModel,
  to: SchemaModel,
  resolver: RenameResolver,
  opts: RenameOptions = {},
): Promise<ConfirmedRenames> {
  const tables: TableRename[] = [];
  const used = new Set<string>();
  for (const c of tableRenameCandidates(from, to, opts)) {
    if (used.has(`from:${c.from}`) || used.has(`to:${c.to}`)) continue;
    if ((await resolver(c)) !== "rename") continue;
    tables.push({ from: c.from, to: c.to, confidence: c.confidence });
    used.add(`from:${c.from}`).add(`to:${c.to}`);
  }
  const merges: FieldMerge[] = [];
  for (const c of mergeCandidates(from, to, tables)) {
    const taken = (c.sources ?? []).some((f) => used.has(`${c.table}:from:${f}`)) || used.has(`${c.table}:to:${c.to}`);
    if (taken) continue;
    if ((await resolver(c)) !== "rename") continue;
    const field = to.tables.find((t) => t.name === c.table)?.fields.find((f) => f.name === c.to);
    if (!field) continue;
    merges.push({
      table: c.table ?? "",
      from: c.sources ?? [],
      to: c.to,
      how: c.how ?? mergeHow(field),
      ...(c.members ? { members: c.members } : {}),
    });
    for (const f of c.sources ?? []) used.add(`${c.table}:from:${f}`);
    used.add(`${c.table}:to:${c.to}`);
  }
  const fields: FieldRename[] = [];
  for (const c of fieldRenameCandidates(from, to, tables, opts)) {
    // An id field following a confirmed table rename is renamed with it: no question to ask.
    const follows = c.reasons.some((r) => r.startsWith("ids of "));
    if (follows && c.confidence >= 0.9) {
      const key = (side: string, name: string) => `${c.table}:${side}:${name}`;
      if (used.has(key("from", c.from)) || used.has(key("to", c.to))) continue;
      fields.push({ table: c.table ?? "", from: c.from, to: c.to, confidence: c.confidence });
      used.add(key("from", c.from)).add(key("to", c.to));
      continue;
    }
    const key = (side: string, name: string) => `${c.table}:${side}:${name}`;
    if (used.has(key("from", c.from)) || used.has(key("to", c.to))) continue;
    if ((await resolver(c)) !== "rename") continue;
    fields.push({ table: c.table ?? "", from: c.from, to: c.to, confidence: c.confidence });
    used.add(key("from", c.from)).add(key("to", c.to));
  }
  return merges.length ? { tables, fields, merges } : { tables, fields };
}

/** A resolver from fixed answers ("users.name->fullName", "posts->articles"); anything else is add+drop. */
export function fixedResolver(renames: string[]): RenameResolver {
  const set = new Set(renames);
  return (c) => (set.has(candidateKey(c)) ? "rename" : "addDrop");
}

/** The text form of a candidate used by `fixedResolver` and the CLI's `--rename`. */
export function candidateKey(c: RenameCandidate): string {
  return c.kind === "table" ? `${c.from}->${c.to}` : `${c.table}.${c.from}->${c.to}`;
}

/** Thrown by `failingResolver`: a non-interactive run met a rename it may not guess. */
export class RenameDecisionNeeded extends Error {
  constructor(readonly candidate: RenameCandidate) {
    const what =
      candidate.kind === "table"
        ? `rename of table "${candidate.from}" to "${candidate.to}"`
        : candidate.kind === "merge"
          ? `merge of ${(candidate.sources ?? []).map((f) => `"${candidate.table}.${f}"`).join(" and ")} into "${candidate.table}.${candidate.to}"`
          : `rename of field "${candidate.table}.${candidate.from}" to "${candidate.table}.${candidate.to}"`;
    const verb = candidate.kind === "merge" ? "combine them" : "rename";
    super(
      `Possible ${what} (confidence ${candidate.confidence}): rerun with --interactive, ` +
        `or pass --rename "${candidateKey(candidate)}" to ${verb} or --add-drop to treat every unconfirmed candidate as add + drop.`,
    );
    this.name = "RenameDecisionNeeded";
  }
}

/** The non-interactive default: any candidate stops planning with a clear message. */
export const failingResolver: RenameResolver = (c) => {
  throw new RenameDecisionNeeded(c);
};
