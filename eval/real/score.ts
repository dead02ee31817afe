/**
 * Scoring of the real-app eval (eval/README.md): design requests on an empty project against the annotated
 * expectation; change requests on the app's real schema against the expected operations.
 */
import type { SchemaModel, Table, Validator } from "../../lib/schema/model";
import { emptySchema, referencedTables } from "../../lib/schema/model";
import { applyOperations } from "../../lib/schema/operations";
import type { Proposal } from "../../lib/assistant/types";
import { alignTables } from "./align";
import type { ChangeCase, DesignCase, EvalSet } from "./cases";
import { convexErrors } from "./convex-check";
import { nameKey, splitWords, singular } from "./names";

/** Answers one request on a schema: the designer, or the model path. */
export type Assistant = (request: string, schema: SchemaModel) => Proposal | Promise<Proposal>;

type Ratio = [hit: number, total: number];

export interface DesignResult {
  id: string;
  valid: boolean;
  convexError: string | null;
  tables: Ratio;
  tablePrecision: Ratio;
  relations: Ratio;
  relationPrecision: Ratio;
  indexes: Ratio;
  enumValues: Ratio;
  emptyTables: number;
  designedTables: number;
  misses: string[];
}

export interface ChangeResult {
  id: string;
  category: ChangeCase["category"];
  ok: boolean;
  valid: boolean;
  /** Why Convex rejects the resulting schema, or null. */
  convexError: string | null;
  operations: number;
  emptyTables: number;
  why: string;
}

export interface Summary {
  set: string;
  design: DesignResult[];
  change: ChangeResult[];
  figures: Record<string, number | string>;
}

const ratio = ([h, t]: Ratio): number => (t === 0 ? 1 : h / t);
const add = (a: Ratio, b: Ratio): Ratio => [a[0] + b[0], a[1] + b[1]];

type Ref = { field: string; to: string; direct: boolean };

function refsOf(t: Table): Ref[] {
  return t.fields.flatMap((f): Ref[] => {
    const v = f.validator;
    if (v.kind === "id") return [{ field: f.name, to: v.table, direct: true }];
    return referencedTables(v).map((to) => ({ field: f.name, to, direct: false }));
  });
}

function literalsOf(v: Validator): string[] {
  if (v.kind === "literal" && typeof v.value === "string") return [v.value];
  if (v.kind === "union") return v.members.flatMap(literalsOf);
  if (v.kind === "array") return literalsOf(v.element);
  if (v.kind === "object") return v.fields.flatMap((f) => literalsOf(f.validator));
  return [];
}

const valueKey = (s: string): string => splitWords(s).map(singular).join(" ");

/** Scores one design against its expectation (`convexError` from the shared Convex check). */
export function scoreDesign(
  c: DesignCase,
  p: Proposal,
  truthTables: Table[],
  convexError: string | null,
): DesignResult {
  const designed = p.schema.tables;
  const align = alignTables(truthTables, designed);
  const misses: string[] = [];
  const e = c.expect;
  let tables: Ratio = [0, 0];
  for (const t of e.tables) {
    const ok = align.has(t.name);
    tables = add(tables, [ok ? 1 : 0, 1]);
    if (!ok) misses.push(`table ${t.name}`);
  }
  let relations: Ratio = [0, 0];
  for (const r of e.relations) {
    const a = align.get(r.from);
    const b = align.get(r.to);
    const ok = Boolean(a && b && refsOf(a).some((x) => x.to === b.name));
    relations = add(relations, [ok ? 1 : 0, 1]);
    if (!ok) misses.push(`relation ${r.from} -> ${r.to}`);
  }
  let indexes: Ratio = [0, 0];
  for (const i of e.indexes) {
    const a = align.get(i.table);
    let ok = false;
    if (a && i.kind === "ref") {
      const b = align.get(i.to ?? "");
      const refFields = new Set(
        refsOf(a)
          .filter((x) => x.direct && b && x.to === b.name)
          .map((x) => x.field),
      );
      ok = a.indexes.some((ix) => refFields.has(ix.fields[0]));
    } else if (a && i.kind === "search") ok = a.searchIndexes.length > 0;
    else if (a && i.kind === "vector") ok = a.vectorIndexes.length > 0;
    indexes = add(indexes, [ok ? 1 : 0, 1]);
    if (!ok) misses.push(`${i.kind} index ${i.table}${i.to ? ` -> ${i.to}` : ""}`);
  }
  let enums: Ratio = [0, 0];
  const designedLiterals = new Set(
    designed.flatMap((t) => t.fields.flatMap((f) => literalsOf(f.validator))).map(valueKey),
  );
  for (const en of e.enums) {
    for (const v of en.values) {
      const ok = designedLiterals.has(valueKey(v));
      enums = add(enums, [ok ? 1 : 0, 1]);
      if (!ok) misses.push(`enum value ${en.table}.${en.field} "${v}"`);
    }
  }
  // Precision: designed tables that are some real table; designed references that the real schema has too.
  const alignedDesigned = new Map([...align].map(([truthName, d]) => [d.name, truthName]));
  const tablePrecision: Ratio = [alignedDesigned.size, designed.length];
  let relationPrecision: Ratio = [0, 0];
  for (const d of designed) {
    const from = alignedDesigned.get(d.name);
    for (const r of refsOf(d)) {
      const to = alignedDesigned.get(r.to);
      if (!from || !to) {
        relationPrecision = add(relationPrecision, [0, 1]);
        continue;
      }
      const truthFrom = truthTables.find((t) => t.name === from);
      const truthTo = truthTables.find((t) => t.name === to);
      const real =
        Boolean(truthFrom && refsOf(truthFrom).some((x) => x.to === to)) ||
        Boolean(truthTo && refsOf(truthTo).some((x) => x.to === from));
      relationPrecision = add(relationPrecision, [real ? 1 : 0, 1]);
    }
  }
  const emptyTables = designed.filter((t) => t.fields.length === 0 && !t.anyDocument).length;
  if (misses.length) misses.push(`designed: ${designed.map((t) => t.name).join(", ") || "nothing"}`);
  return {
    id: c.id,
    valid: p.valid && convexError === null,
    convexError,
    tables,
    tablePrecision,
    relations,
    relationPrecision,
    indexes,
    enumValues: enums,
    emptyTables,
    designedTables: designed.length,
    misses,
  };
}

/** Order-free form of a schema for "applied exactly": names of indexes, descriptions and field order ignored. */
export function canonical(s: SchemaModel): string {
  const v = (x: Validator): unknown => {
    switch (x.kind) {
      case "union": {
        const ms = x.members.map(v).map((m) => JSON.stringify(m));
        return { union: [...ms].sort() };
      }
      case "array":
        return { array: v(x.element) };
      case "record":
        return { record: [v(x.key), v(x.value)] };
      case "object":
        return {
          object: [...x.fields]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((f) => [f.name, v(f.validator), f.optional]),
        };
      default:
        return x;
    }
  };
  const tables = [...s.tables]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => ({
      name: t.name,
      fields: [...t.fields]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((f) => [f.name, v(f.validator), f.optional]),
      indexes: t.indexes.map((i) => i.fields.join(",")).sort(),
      search: t.searchIndexes.map((i) => `${i.searchField}|${[...i.filterFields].sort().join(",")}`).sort(),
      vector: t.vectorIndexes
        .map((i) => `${i.vectorField}|${i.dimensions}|${[...i.filterFields].sort().join(",")}`)
        .sort(),
    }));
  return JSON.stringify(tables);
}

/** True when `question` names one of `mentions` (same words, singular or plural, any casing). */
export function namesOneOf(question: string, mentions: string[]): boolean {
  const q = splitWords(question).map(singular).join(" ");
  const raw = question.toLowerCase();
  return mentions.some((m) => {
    const k = nameKey(m);
    return (k && ` ${q} `.includes(` ${k} `)) || raw.includes(m.toLowerCase());
  });
}

const ALREADY = /\balready\b/i;

export function scoreChange(c: ChangeCase, schema: SchemaModel, p: Proposal): ChangeResult {
  const e = c.expect;
  const base = {
    id: c.id,
    category: c.category,
    valid: p.valid,
    convexError: null,
    operations: p.operations.length,
    emptyTables: p.schema.tables.filter(
      (t) => t.fields.length === 0 && !t.anyDocument && !schema.tables.some((o) => o.name === t.name),
    ).length,
  };
  const said = [p.explanation, ...p.questions, ...p.assumptions].join("\n");
  if (e.accept) {
    if (!p.valid) return { ...base, ok: false, why: `invalid: ${p.errors.join("; ").slice(0, 200)}` };
    const got = canonical(p.schema);
    for (const alt of e.accept) {
      const r = applyOperations(schema, alt);
      if (r.ok && canonical(r.schema) === got) return { ...base, ok: true, why: "" };
    }
    return {
      ...base,
      ok: false,
      why: p.operations.length
        ? `other operations: ${p.operations.map((o) => o.op + ("table" in o ? ` ${o.table}` : "")).join(", ")}`
        : `no operation${p.questions.length ? `; asked: ${p.questions[0].slice(0, 120)}` : ""}`,
    };
  }
  if (p.operations.length)
    return { ...base, ok: false, why: `expected no operation, got ${p.operations.map((o) => o.op).join(", ")}` };
  if (e.already && !ALREADY.test(said))
    return { ...base, ok: false, why: `did not say it is already there: ${p.explanation.slice(0, 120)}` };
  if (e.question) {
    if (!p.questions.length) return { ...base, ok: false, why: "no question" };
    if (!p.questions.some((q) => namesOneOf(q, e.question?.mentions ?? [])))
      return { ...base, ok: false, why: `question not specific: ${p.questions[0].slice(0, 120)}` };
  }
  return { ...base, ok: true, why: "" };
}

function schemaOf(set: EvalSet, repo: string): SchemaModel {
  const app = set.apps[repo];
  if (!app) throw new Error(`The set has no app "${repo}".`);
  return { ...emptySchema(), tables: structuredClone(app.tables) };
}

/** Runs every case of `set` through `assistant` and scores it. */
export async function runRealEval(
  set: EvalSet,
  assistant: Assistant,
  options: { only?: "design" | "change"; limit?: number; kind?: string } = {},
): Promise<Summary> {
  const designCases = options.only === "change" || options.kind ? [] : set.design.slice(0, options.limit);
  const changeCases =
    options.only === "design"
      ? []
      : set.change.filter((c) => !options.kind || c.category === options.kind).slice(0, options.limit);
  const proposals: Proposal[] = [];
  for (const c of designCases) proposals.push(await assistant(c.request, emptySchema()));
  const errors = await convexErrors(proposals.map((p) => p.schema));
  const design = designCases.map((c, i) => scoreDesign(c, proposals[i], set.apps[c.repo].tables, errors[i]));
  const change: ChangeResult[] = [];
  const changed: SchemaModel[] = [];
  for (const c of changeCases) {
    const schema = schemaOf(set, c.repo);
    const p = await assistant(c.request, schema);
    proposals.push(p);
    change.push(scoreChange(c, schema, p));
    changed.push(p.schema);
  }
  // Results of change requests must be valid under Convex too (an unchanged schema is the app's own, checked once).
  const touched = change.map((_, i) => i).filter((i) => change[i].operations > 0 && change[i].valid);
  const changeErrors = await convexErrors(touched.map((i) => changed[i]));
  changeErrors.forEach((err, k) => {
    const i = touched[k];
    if (err) change[i] = { ...change[i], valid: false, convexError: err, ok: false, why: `convex: ${err}` };
  });
  const result = figures(design, change);
  // Through the model path, how many answers the model gave (the rest fell back to the designer).
  const byModel = proposals.filter((p) => p.source === "model").length;
  if (byModel) result["answered by the model"] = `${byModel} of ${proposals.length} (the rest: designer fallback)`;
  return { set: set.set, design, change, figures: result };
}

export function figures(design: DesignResult[], change: ChangeResult[]): Record<string, number | string> {
  const sum = (k: "tables" | "tablePrecision" | "relations" | "relationPrecision" | "indexes" | "enumValues"): Ratio =>
    design.reduce<Ratio>((a, r) => add(a, r[k]), [0, 0]);
  const pct = (r: Ratio): string => `${(ratio(r) * 100).toFixed(1)}% (${r[0]}/${r[1]})`;
  const cat = (pred: (c: ChangeResult) => boolean): Ratio => {
    const xs = change.filter(pred);
    return [xs.filter((c) => c.ok).length, xs.length];
  };
  const designedTables = design.reduce((a, r) => a + r.designedTables, 0);
  const emptyDesigned = design.reduce((a, r) => a + r.emptyTables, 0);
  const emptyChanged = change.reduce((a, r) => a + r.emptyTables, 0);
  const regular = (c: ChangeResult): boolean =>
    !["offTopic", "alreadyDone", "contradictory", "ambiguous"].includes(c.category);
  // A set with only one kind of request prints only that kind's lines (fresh has no change requests).
  const designLines = {
    "design requests": design.length,
    "designs valid under convex": pct([design.filter((d) => d.valid).length, design.length]),
    "table recall": pct(sum("tables")),
    "table precision": pct(sum("tablePrecision")),
    "relation recall": pct(sum("relations")),
    "relation precision": pct(sum("relationPrecision")),
    "index recall": pct(sum("indexes")),
    "enum values kept": pct(sum("enumValues")),
    "empty tables": `${emptyDesigned + emptyChanged} (${emptyDesigned} of ${designedTables} designed tables, ${emptyChanged} new in change results)`,
  };
  const changeLines = {
    "change requests": change.length,
    "change results valid under convex": pct([change.filter((c) => c.valid).length, change.length]),
    "changes applied exactly": pct(cat(regular)),
    "off-topic -> no operation": pct(cat((c) => c.category === "offTopic")),
    "already done -> says so": pct(cat((c) => c.category === "alreadyDone")),
    "contradictory -> question": pct(cat((c) => c.category === "contradictory")),
    "ambiguous -> specific question": pct(cat((c) => c.category === "ambiguous")),
  };
  return { ...(design.length ? designLines : {}), ...(change.length ? changeLines : {}) };
}

/** The figures as printed lines; `verbose` adds each failed case (use it on the dev set only). */
export function formatSummary(s: Summary, verbose = false): string {
  const lines = [`set: ${s.set}`, ...Object.entries(s.figures).map(([k, v]) => `${`${k}:`.padEnd(36)} ${v}`)];
  if (verbose) {
    const byCat = new Map<string, Ratio>();
    for (const c of s.change) byCat.set(c.category, add(byCat.get(c.category) ?? [0, 0], [c.ok ? 1 : 0, 1]));
    lines.push("change requests by kind:", ...[...byCat].map(([k, r]) => `  ${k.padEnd(14)} ${r[0]}/${r[1]}`));
    for (const d of s.design)
      if (d.misses.length || !d.valid || d.emptyTables)
        lines.push(
          `  design ${d.id}: ${[...(d.valid ? [] : [`INVALID ${d.convexError ?? ""}`]), ...(d.emptyTables ? [`${d.emptyTables} empty tables`] : []), ...d.misses].join("; ")}`,
        );
    for (const c of s.change) if (!c.ok) lines.push(`  change ${c.id} [${c.category}]: ${c.why}`);
  }
  return lines.join("\n");
}
