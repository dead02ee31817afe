/**
 * Scoring of the assistant eval set (eval/assistant/*.json): each case is one or more user turns with the tables,
 * relations and indexes a user would expect; ambiguous cases expect a clarifying question on the last turn.
 * Names are compared loosely ("order items", "orderItem" and "orderItems" are the same table).
 */
import type { SchemaModel, Table } from "../lib/schema/model";
import { emptySchema, referencedTables } from "../lib/schema/model";
import type { Proposal } from "../lib/assistant/types";
import { nameKey, words } from "../lib/assistant/designer/names";

/** One name or alternatives; inside "ref:" and "between", alternatives are written "a|b". */
type Names = string | string[];

export interface EvalCase {
  id: string;
  turns: string[];
  ambiguous?: boolean;
  expect: {
    tables?: Names[];
    relations?: Array<{ from: Names; to: Names } | { between: [string, string] }>;
    indexes?: Array<{ table: Names; on?: string[]; search?: string }>;
    fields?: Array<{ table: Names; field: Names }>;
    absentFields?: Array<{ table: Names; field: Names }>;
  };
}

export interface CaseResult {
  id: string;
  valid: boolean;
  ambiguous: boolean;
  clarified: boolean;
  tables: [number, number];
  relations: [number, number];
  indexes: [number, number];
  fields: [number, number];
  latenciesMs: number[];
  misses: string[];
}

export interface EvalSummary {
  cases: number;
  validShare: number;
  tableRecall: number;
  relationRecall: number;
  indexRecall: number;
  fieldRecall: number;
  ambiguousCases: number;
  clarified: number;
  clarificationRate: number;
  p50Ms: number;
  p95Ms: number;
  results: CaseResult[];
}

/** Answers one turn: the designer, or the model path in a live run. */
export type Assistant = (request: string, schema: SchemaModel, history: string[]) => Proposal | Promise<Proposal>;

/** Runs every case through `assistant`, carrying the schema from turn to turn, and scores the final schema. */
export async function runEval(cases: EvalCase[], assistant: Assistant, now: () => number): Promise<EvalSummary> {
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await runCase(c, assistant, now));
  return summarize(results);
}

async function runCase(c: EvalCase, assistant: Assistant, now: () => number): Promise<CaseResult> {
  let schema = emptySchema();
  let valid = true;
  let last: Proposal | undefined;
  const latenciesMs: number[] = [];
  const history: string[] = [];
  for (const turn of c.turns) {
    const started = now();
    last = await assistant(turn, schema, history);
    latenciesMs.push(now() - started);
    history.push(turn);
    if (!last.valid) valid = false;
    schema = last.schema;
  }
  const misses: string[] = [];
  const count = <T>(items: T[] | undefined, ok: (x: T) => boolean, label: (x: T) => string): [number, number] => {
    const list = items ?? [];
    let hit = 0;
    for (const x of list) {
      if (ok(x)) hit++;
      else misses.push(label(x));
    }
    return [hit, list.length];
  };
  const e = c.expect;
  return {
    id: c.id,
    valid,
    ambiguous: Boolean(c.ambiguous),
    clarified: Boolean(last && last.questions.length > 0),
    tables: count(
      e.tables,
      (t) => table(schema, t) !== undefined,
      (t) => `table ${show(t)}`,
    ),
    relations: count(
      e.relations,
      (r) => ("between" in r ? manyToMany(schema, r.between) : relation(schema, r.from, r.to)),
      (r) => ("between" in r ? `many-to-many ${r.between.join(" x ")}` : `relation ${show(r.from)} -> ${show(r.to)}`),
    ),
    indexes: count(
      e.indexes,
      (i) => index(schema, i),
      (i) => `index ${show(i.table)} on ${i.search ? `search ${i.search}` : (i.on ?? []).join(",")}`,
    ),
    fields: [
      ...[
        count(
          e.fields,
          (f) => hasField(schema, f.table, f.field),
          (f) => `field ${show(f.table)}.${show(f.field)}`,
        ),
      ],
      ...[
        count(
          e.absentFields,
          (f) => !hasField(schema, f.table, f.field),
          (f) => `field ${show(f.table)}.${show(f.field)} should be gone`,
        ),
      ],
    ].reduce<[number, number]>((a, b) => [a[0] + b[0], a[1] + b[1]], [0, 0]),
    latenciesMs,
    misses,
  };
}

function show(n: Names): string {
  return Array.isArray(n) ? n.join("|") : n;
}

function alternatives(n: Names): string[] {
  return (Array.isArray(n) ? n : [n]).flatMap((x) => x.split("|"));
}

function table(schema: SchemaModel, n: Names): Table | undefined {
  const keys = alternatives(n).map(nameKey);
  return schema.tables.find((t) => keys.includes(nameKey(t.name)));
}

function refs(t: Table): string[] {
  return t.fields.flatMap((f) => referencedTables(f.validator));
}

function relation(schema: SchemaModel, from: Names, to: Names): boolean {
  const a = table(schema, from);
  const b = table(schema, to);
  return Boolean(a && b && refs(a).includes(b.name));
}

/** A join table pointing at both sides (twice for a self relation), or an array of ids on either side. */
function manyToMany(schema: SchemaModel, [x, y]: [string, string]): boolean {
  const a = table(schema, x);
  const b = table(schema, y);
  if (!a || !b) return false;
  const arrayOf = (t: Table, target: string): boolean =>
    t.fields.some((f) => f.validator.kind === "array" && referencedTables(f.validator).includes(target));
  if (arrayOf(a, b.name) || arrayOf(b, a.name)) return true;
  return schema.tables.some((t) => {
    if (t === a || t === b) return false;
    const r = refs(t);
    return a === b ? r.filter((n) => n === a.name).length >= 2 : r.includes(a.name) && r.includes(b.name);
  });
}

function looseField(name: string): string {
  return words(name)
    .join("")
    .replace(/(at|date|time|id)$/, "");
}

function fieldMatches(t: Table, fieldName: string, spec: string): boolean {
  if (spec.startsWith("ref:")) {
    const targets = spec
      .slice(4)
      .split("|")
      .map((n) => table({ ...emptySchema(), tables: [] }, n) ?? n);
    const field = t.fields.find((f) => f.name === fieldName);
    const keys = (targets as string[]).map(nameKey);
    return Boolean(field && field.validator.kind === "id" && keys.includes(nameKey(field.validator.table)));
  }
  return spec.split("|").some((s) => looseField(s) === looseField(fieldName));
}

function index(schema: SchemaModel, spec: { table: Names; on?: string[]; search?: string }): boolean {
  const t = table(schema, spec.table);
  if (!t) return false;
  if (spec.search) return t.searchIndexes.some((i) => looseField(i.searchField) === looseField(spec.search ?? ""));
  const on = spec.on ?? [];
  return t.indexes.some((i) => on.every((s, k) => i.fields[k] !== undefined && fieldMatches(t, i.fields[k], s)));
}

function hasField(schema: SchemaModel, tableNames: Names, field: Names): boolean {
  const t = table(schema, tableNames);
  return Boolean(t?.fields.some((f) => alternatives(field).some((n) => looseField(n) === looseField(f.name))));
}

function ratio([hit, total]: [number, number]): number {
  return total === 0 ? 1 : hit / total;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(results: CaseResult[]): EvalSummary {
  const sum = (key: "tables" | "relations" | "indexes" | "fields"): [number, number] =>
    results.reduce<[number, number]>((a, r) => [a[0] + r[key][0], a[1] + r[key][1]], [0, 0]);
  const ambiguous = results.filter((r) => r.ambiguous);
  const latencies = results.flatMap((r) => r.latenciesMs);
  return {
    cases: results.length,
    validShare: results.filter((r) => r.valid).length / Math.max(1, results.length),
    tableRecall: ratio(sum("tables")),
    relationRecall: ratio(sum("relations")),
    indexRecall: ratio(sum("indexes")),
    fieldRecall: ratio(sum("fields")),
    ambiguousCases: ambiguous.length,
    clarified: ambiguous.filter((r) => r.clarified).length,
    clarificationRate: ambiguous.length ? ambiguous.filter((r) => r.clarified).length / ambiguous.length : 1,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    results,
  };
}

/** The summary as the lines the eval script prints. */
export function formatSummary(s: EvalSummary, verbose = false): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `cases: ${s.cases} (${s.ambiguousCases} ambiguous)`,
    `valid schemas:        ${pct(s.validShare)}`,
    `table recall:         ${pct(s.tableRecall)}`,
    `relation recall:      ${pct(s.relationRecall)}`,
    `index recall:         ${pct(s.indexRecall)}`,
    `field recall:         ${pct(s.fieldRecall)}`,
    `clarification rate:   ${s.clarified}/${s.ambiguousCases} ambiguous requests (${pct(s.clarificationRate)})`,
    `latency per turn:     p50 ${s.p50Ms.toFixed(1)} ms, p95 ${s.p95Ms.toFixed(1)} ms`,
  ];
  if (verbose) {
    for (const r of s.results) {
      const problems = [
        ...(r.valid ? [] : ["INVALID"]),
        ...(r.ambiguous && !r.clarified ? ["no clarifying question"] : []),
        ...r.misses,
      ];
      if (problems.length) lines.push(`  ${r.id}: ${problems.join("; ")}`);
    }
  }
  return lines.join("\n");
}
