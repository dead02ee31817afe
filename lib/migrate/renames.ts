/**
 * Rename detection. Proposes candidates with a confidence (same type, similar name, overlapping sampled data);
 * the injected resolver confirms each one. A rename is never assumed.
 */
import pluralize from "pluralize";
import type { Field, SchemaModel, Table } from "../schema/model";
import { sameValidator } from "../schema/model";
import type { RenameCandidate, RenameResolver } from "./changes";
import type { ConfirmedRenames, FieldRename, TableRename } from "./diff";
import { fieldSubsumes } from "./subsume";
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

/** Table rename candidates: tables only in `from` × tables only in `to`, best first. */
export function tableRenameCandidates(from: SchemaModel, to: SchemaModel, opts: RenameOptions = {}): RenameCandidate[] {
  const newNames = new Set(to.tables.map((t) => t.name));
  const oldNames = new Set(from.tables.map((t) => t.name));
  const dropped = from.tables.filter((t) => !newNames.has(t.name));
  const added = to.tables.filter((t) => !oldNames.has(t.name));
  const out: RenameCandidate[] = [];
  for (const a of dropped) {
    for (const b of added) {
      const shape = jaccard(signature(a), signature(b));
      const name = nameSimilarity(a.name, b.name);
      const confidence = round(0.6 * shape + 0.4 * name);
      if (confidence < (opts.threshold ?? 0.6)) continue;
      out.push({ kind: "table", from: a.name, to: b.name, confidence, reasons: [`${Math.round(shape * 100)}% of fields match`, `name similarity ${round(name)}`] });
    }
  }
  return out.sort(byConfidence);
}

function signature(t: Table): string[] {
  return t.fields.map((f) => `${f.name}:${f.optional ? "?" : ""}${JSON.stringify(f.validator)}`);
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
  for (const t of to.tables) {
    const oldName = oldNameOf.get(t.name) ?? t.name;
    const old = from.tables.find((x) => x.name === oldName);
    if (!old || (oldName === t.name && tableRenames.some((r) => r.from === t.name))) continue;
    const newNames = new Set(t.fields.map((f) => f.name));
    const oldNames = new Set(old.fields.map((f) => f.name));
    for (const a of old.fields.filter((f) => !newNames.has(f.name))) {
      for (const b of t.fields.filter((f) => !oldNames.has(f.name))) {
        const c = fieldCandidate(t.name, oldName, a, b, opts);
        if (c.confidence >= (opts.threshold ?? 0.6)) out.push(c);
      }
    }
  }
  return out.sort(byConfidence);
}

function fieldCandidate(table: string, oldTable: string, a: Field, b: Field, opts: RenameOptions): RenameCandidate {
  const same = sameValidator(a.validator, b.validator) && a.optional === b.optional;
  const type = same ? 1 : fieldSubsumes(b, a) || fieldSubsumes(a, b) ? 0.6 : 0;
  const name = nameSimilarity(a.name, b.name);
  const reasons = [same ? "same type" : type ? "compatible type" : "different type", `name similarity ${round(name)}`];
  const data = dataEvidence(oldTable, table, a, b, opts.samples);
  let confidence = (0.5 * type + 0.35 * name) / 0.85;
  if (data !== undefined) {
    confidence = 0.5 * type + 0.35 * name + 0.15 * data;
    reasons.push(`sampled data overlap ${round(data)}`);
  }
  return { kind: "field", table, from: a.name, to: b.name, confidence: round(confidence), reasons };
}

/** Overlap of sampled values (old vs new data), or the share of old values valid under the new field. */
function dataEvidence(oldTable: string, table: string, a: Field, b: Field, samples?: RenameSamples): number | undefined {
  const olds = samples?.from?.[oldTable]?.map((d) => d[a.name]).filter((x) => x !== undefined);
  if (!olds?.length) return undefined;
  const news = samples?.to?.[table]?.map((d) => d[b.name]).filter((x) => x !== undefined);
  if (news?.length) return jaccard(olds.map(stableKey), news.map(stableKey));
  const check = compileField(b);
  return olds.filter((x) => check(x)).length / olds.length;
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
  const fields: FieldRename[] = [];
  for (const c of fieldRenameCandidates(from, to, tables, opts)) {
    const key = (side: string, name: string) => `${c.table}:${side}:${name}`;
    if (used.has(key("from", c.from)) || used.has(key("to", c.to))) continue;
    if ((await resolver(c)) !== "rename") continue;
    fields.push({ table: c.table ?? "", from: c.from, to: c.to, confidence: c.confidence });
    used.add(key("from", c.from)).add(key("to", c.to));
  }
  return { tables, fields };
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
    const what = candidate.kind === "table" ? `table "${candidate.from}" to "${candidate.to}"` : `field "${candidate.table}.${candidate.from}" to "${candidate.table}.${candidate.to}"`;
    super(
      `Possible rename of ${what} (confidence ${candidate.confidence}): rerun with --interactive, ` +
        `or pass --rename "${candidateKey(candidate)}" to rename or --add-drop to treat every unconfirmed candidate as add + drop.`,
    );
    this.name = "RenameDecisionNeeded";
  }
}

/** The non-interactive default: any candidate stops planning with a clear message. */
export const failingResolver: RenameResolver = (c) => {
  throw new RenameDecisionNeeded(c);
};
