/**
 * Learns community patterns from the learning corpus (real Convex schemas of repositories that are NOT in the
 * eval) and writes the designer's compact knowledge file:
 *   npx tsx eval/tools/learn-knowledge.ts [eval/learn] [lib/assistant/designer/knowledge/learned.json]
 * Every JSON file under the corpus folder holding `tables` (an array of schema-model tables, as eval/tools/mine.ts
 * writes them) counts as one app. For each table name (singular words) it keeps what at least a third of the apps
 * that have it agree on: fields and their types, references, indexes, and which tables appear alongside.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Field, Table, Validator } from "../../lib/schema/model";
import { camel, singularPhrase, words } from "../../lib/assistant/designer/names";
import type { LearnedEntity } from "../../lib/assistant/designer/learned";
import { corefKey, headKey, type PairStat } from "../../lib/assistant/designer/coref";

const [corpus = "eval/learn", out = "lib/assistant/designer/knowledge/learned.json"] = process.argv.slice(2);

/** Tables libraries create (Convex Auth, components): not patterns of the app's own design. */
const LIBRARY_TABLE = /^(auth[A-Z]\w*|rateLimits|migrations|sessions?Tokens?|_\w+)$/;
const MIN_SHARE = 1 / 3;

function jsonFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) found.push(...jsonFiles(p));
    else if (name.endsWith(".json")) found.push(p);
  }
  return found;
}

const keyOf = (table: string): string => singularPhrase(words(table).join(" "));

/** The designer's knowledge notation for a validator, or undefined for shapes it does not express. */
function notation(f: Field): string | undefined {
  const v: Validator = f.validator;
  const opt = f.optional ? "?" : "";
  const n = f.name;
  switch (v.kind) {
    case "string":
      return (
        (/(?:^e?mail|Email)$/.test(n)
          ? "email"
          : /(?:Url|^url)$/.test(n)
            ? "url"
            : /^(?:body|content|text|description|notes|bio|summary|prompt|response)$/.test(n)
              ? "text"
              : "string") + opt
      );
    case "number":
    case "int64":
      return (
        (/(?:At|Date|Time|^date|^time|^timestamp|^deadline)$/.test(n)
          ? "time"
          : /(?:price|amount|total|cost|balance|fee)$/i.test(n)
            ? "money"
            : "number") + opt
      );
    case "boolean":
      return "boolean" + opt;
    case "array":
      return v.element.kind === "string" ? "tags" + opt : undefined;
    case "record":
      return "record" + opt;
    case "any":
      return "any" + opt;
    case "union": {
      const vals = v.members.map((m) => (m.kind === "literal" && typeof m.value === "string" ? m.value : null));
      return vals.length >= 2 && vals.every((x) => x !== null) ? `enum:${vals.join("|")}${opt}` : undefined;
    }
    default:
      return undefined;
  }
}

interface Tally {
  apps: number;
  fields: Map<string, Map<string, number>>;
  refs: Map<string, Map<string, number>>;
  indexes: Map<string, number>;
  with: Map<string, number>;
}

const tallies = new Map<string, Tally>();
let apps = 0;
/** Co-reference counts: "a>b" → apps with both, apps where a references b, field names used. */
interface PairTally {
  both: number;
  refs: number;
  fields: Map<string, number>;
}
const pairTallies = new Map<string, PairTally>();
/** Roles of a table name: apps that have it, apps where it references another (non-user) table, apps where another references it. */
const roleTallies = new Map<string, [number, number, number]>();

function tallyRoles(tables: Table[]): void {
  const keyOfName = new Map(tables.map((t) => [t.name, corefKey(t.name)]));
  const outs = new Set<string>();
  const ins = new Set<string>();
  for (const t of tables) {
    const from = keyOfName.get(t.name) ?? "";
    if (from === "user") continue;
    for (const f of t.fields) {
      const target = f.validator.kind === "id" ? f.validator.table : undefined;
      const to = target ? keyOfName.get(target) : undefined;
      if (!to || to === from || to === "user") continue;
      outs.add(from);
      ins.add(to);
    }
  }
  const counted = new Set<string>();
  for (const key of keyOfName.values()) {
    if (key === "user" || counted.has(key)) continue;
    counted.add(key);
    for (const k of [key, `~${headKey(key)}`]) {
      const r = roleTallies.get(k) ?? [0, 0, 0];
      r[0]++;
      if (outs.has(key)) r[1]++;
      if (ins.has(key)) r[2]++;
      roleTallies.set(k, r);
    }
  }
}
const headTallies = new Map<string, PairTally>();

/** Counts, once per app, every ordered pair of keys present and the pairs where the first references the second. */
function tallyPairs(into: Map<string, PairTally>, tables: Table[], keyOfTable: (name: string) => string): void {
  const present = new Set(tables.map((t) => keyOfTable(t.name)));
  const refs = new Map<string, string>();
  for (const t of tables) {
    const from = keyOfTable(t.name);
    for (const f of t.fields) {
      const target = f.validator.kind === "id" ? f.validator.table : undefined;
      if (!target || target.startsWith("_")) continue;
      const to = keyOfTable(target);
      if (to !== from && !refs.has(`${from}>${to}`)) refs.set(`${from}>${to}`, f.name);
    }
  }
  for (const a of present)
    for (const b of present) {
      if (a === b) continue;
      const k = `${a}>${b}`;
      const t = into.get(k) ?? { both: 0, refs: 0, fields: new Map<string, number>() };
      into.set(k, t);
      t.both++;
      const field = refs.get(k);
      if (field) {
        t.refs++;
        t.fields.set(field, (t.fields.get(field) ?? 0) + 1);
      }
    }
}

function pairsOut(from: Map<string, PairTally>): Record<string, PairStat> {
  const out: Record<string, PairStat> = {};
  for (const [k, t] of [...from].sort((a, b) => b[1].refs - a[1].refs || (a[0] < b[0] ? -1 : 1))) {
    // Pairs seen together in several apps are kept even without a reference: evidence against one.
    if (t.refs < 2 && t.both < 3) continue;
    out[k] = [t.both, t.refs, t.refs ? top(t.fields)[0] : ""];
  }
  return out;
}
for (const file of jsonFiles(corpus)) {
  let tables: Table[];
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as { tables?: Table[] };
    if (!Array.isArray(data.tables)) continue;
    tables = data.tables.filter((t) => !LIBRARY_TABLE.test(t.name) && !t.generatedBy);
  } catch {
    continue;
  }
  if (!tables.length) continue;
  apps++;
  tallyPairs(pairTallies, tables, corefKey);
  tallyRoles(tables);
  tallyPairs(headTallies, tables, (name) => headKey(corefKey(name)));
  const keys = new Map(tables.map((t) => [t.name, keyOf(t.name)]));
  const seen = new Set<string>();
  for (const t of tables) {
    const key = keys.get(t.name) ?? "";
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const tally = tallies.get(key) ?? {
      apps: 0,
      fields: new Map(),
      refs: new Map(),
      indexes: new Map(),
      with: new Map(),
    };
    tallies.set(key, tally);
    tally.apps++;
    for (const f of t.fields) {
      if (f.validator.kind === "id") {
        const target = keys.get(f.validator.table) ?? keyOf(f.validator.table);
        const m = tally.refs.get(f.name) ?? new Map<string, number>();
        m.set(target, (m.get(target) ?? 0) + 1);
        tally.refs.set(f.name, m);
        continue;
      }
      const n = notation(f);
      if (!n || f.name.startsWith("_")) continue;
      const name = camel(f.name);
      const m = tally.fields.get(name) ?? new Map<string, number>();
      m.set(n, (m.get(n) ?? 0) + 1);
      tally.fields.set(name, m);
    }
    for (const i of t.indexes) tally.indexes.set(i.fields.join(","), (tally.indexes.get(i.fields.join(",")) ?? 0) + 1);
    for (const other of keys.values()) if (other !== key) tally.with.set(other, (tally.with.get(other) ?? 0) + 1);
  }
}

const top = <T>(m: Map<T, number>): [T, number] => [...m].sort((a, b) => b[1] - a[1])[0];
const entities: Record<string, LearnedEntity> = {};
for (const [key, t] of [...tallies].sort((a, b) => b[1].apps - a[1].apps)) {
  if (t.apps < 2) continue;
  const need = Math.max(2, Math.ceil(t.apps * MIN_SHARE));
  const fields: Record<string, string> = {};
  for (const [name, types] of [...t.fields].sort((a, b) => sum(b[1]) - sum(a[1]))) {
    if (sum(types) < need || Object.keys(fields).length >= 8) continue;
    fields[name] = top(types)[0];
  }
  const refs: Record<string, string> = {};
  for (const [name, targets] of t.refs) if (sum(targets) >= need) refs[name] = top(targets)[0];
  const indexes = [...t.indexes].filter(([, n]) => n >= need).map(([cols]) => cols.split(","));
  const withs = [...t.with]
    .filter(([, n]) => n >= need)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k]) => k);
  entities[key] = { apps: t.apps, fields, refs, indexes, with: withs };
}

function sum(m: Map<string, number>): number {
  let s = 0;
  for (const n of m.values()) s += n;
  return s;
}

writeFileSync(
  out,
  JSON.stringify(
    {
      version: 1,
      source: `${corpus} (${apps} apps)`,
      apps,
      entities,
      pairs: pairsOut(pairTallies),
      heads: pairsOut(headTallies),
      roles: Object.fromEntries([...roleTallies].filter(([, r]) => r[0] >= 2).sort((a, b) => b[1][0] - a[1][0])),
    },
    null,
    0,
  ).replace(/(\}|\]),"/g, '$1,\n"') + "\n",
);
console.log(`${apps} apps, ${Object.keys(entities).length} table names kept (in ≥ 2 apps) → ${out}`);
