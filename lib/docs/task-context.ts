/**
 * Task-aware context: the slice of the schema relevant to a question, a feature or an error message. Tables are
 * matched by name (singular or plural, any case style) and by field name, then their direct neighbours (tables
 * they reference or that reference them) are added so joins can be answered.
 */
import nlp from "compromise";
import pluralize from "pluralize";
import type { Diagnostic, SchemaModel } from "../schema/model";
import { lintSchema } from "../lint";
import { buildAiContext, type ContextTable, type QueryHint } from "./context";
import { schemaRelationships, type DocRelationship } from "./relationships";

export interface ContextMatch {
  table: string;
  /** why the table is included: "named", "field \"ownerId\"", "index \"by_owner\"", "neighbour of tasks" */
  reason: string;
}

export interface TaskContext {
  kind: "query" | "feature" | "debugging";
  input: string;
  matches: ContextMatch[];
  tables: ContextTable[];
  /** references with both ends among `tables` */
  relationships: DocRelationship[];
  queryHints: QueryHint[];
  findings: { code: string; severity: string; path?: string; message: string }[];
  /** feature only: nouns that name no table yet (candidate new tables, plural) */
  newConcepts?: string[];
}

const STOP = new Set([
  "id",
  "ids",
  "at",
  "by",
  "of",
  "the",
  "and",
  "for",
  "to",
  "in",
  "is",
  "on",
  "a",
  "an",
  "with",
  "all",
  "get",
  "set",
  "new",
  "list",
  "find",
  "show",
  "add",
  "data",
  "value",
  "type",
  "name",
  "time",
]);

/** Lower-case words of a text, splitting camelCase and snake_case, plus each adjacent pair joined ("user profile" → "userprofile"). */
export function words(text: string): string[] {
  const base = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const pairs = base.slice(1).map((w, i) => base[i] + w);
  return [...base, ...pairs];
}

/** Keys a table answers to: its name squashed, singular and plural ("userProfiles" → userprofiles, userprofile). */
function tableKeys(name: string): Set<string> {
  const squashed = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return new Set([squashed, pluralize.singular(squashed), pluralize.plural(squashed)]);
}

/**
 * Tables a text is about, strongest first: identifiers naming a table exactly ("taskLabels", "task"), then
 * identifiers naming an index or a compound field ("by_label", "labelId"), then the words inside the remaining
 * identifiers ("team members" → teamMembers). An identifier used once is not split again, so "taskLabels"
 * does not also pull in "tasks" and "labels".
 */
function matchTables(model: SchemaModel, text: string): ContextMatch[] {
  const matches = new Map<string, ContextMatch>();
  const add = (table: string, reason: string) => matches.has(table) || matches.set(table, { table, reason });
  const keyOf = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const byKey = new Map<string, string>();
  for (const t of model.tables) for (const k of tableKeys(t.name)) if (!byKey.has(k)) byKey.set(k, t.name);
  const rest: string[] = [];
  for (const token of text.match(/[A-Za-z_$][\w$]*/g) ?? []) {
    const named = byKey.get(keyOf(token));
    if (named) {
      add(named, "named");
      continue;
    }
    const byIndex = model.tables.find((t) =>
      [...t.indexes, ...t.searchIndexes, ...t.vectorIndexes].some((i) => i.name === token),
    );
    const compound = /[a-z0-9][A-Z]|_/.test(token);
    const byField = compound ? model.tables.find((t) => t.fields.some((f) => f.name === token)) : undefined;
    if (byIndex) add(byIndex.name, `index "${token}"`);
    else if (byField) add(byField.name, `field "${token}"`);
    else rest.push(token);
  }
  const ws = new Set(words(rest.join(" ")));
  for (const w of ws) {
    const named = byKey.get(w);
    if (named) add(named, "named");
  }
  for (const t of model.tables) {
    const hit = t.fields.find((f) => !STOP.has(keyOf(f.name)) && ws.has(keyOf(f.name)));
    if (hit) add(t.name, `field "${hit.name}"`);
  }
  return [...matches.values()];
}

function assemble(
  model: SchemaModel,
  kind: TaskContext["kind"],
  input: string,
  direct: ContextMatch[],
  findings?: readonly Diagnostic[],
): TaskContext {
  const rels = schemaRelationships(model);
  const included = new Map(direct.map((m) => [m.table, m]));
  for (const m of direct) {
    for (const r of rels) {
      const other = r.from === m.table ? r.to : r.to === m.table ? r.from : undefined;
      if (other && !included.has(other) && model.tables.some((t) => t.name === other)) {
        included.set(other, { table: other, reason: `neighbour of ${m.table}` });
      }
    }
  }
  const keep = new Set(included.keys());
  const subset = { ...model, tables: model.tables.filter((t) => keep.has(t.name)) };
  const subRels = rels.filter((r) => keep.has(r.from) && keep.has(r.to));
  const diags = (findings ?? lintSchema(model)).filter((d) => d.path && keep.has(d.path.split(".")[0]));
  const ctx = buildAiContext(subset, subRels, diags);
  return {
    kind,
    input,
    matches: [...included.values()],
    tables: ctx.tables,
    relationships: subRels,
    queryHints: ctx.queryHints,
    findings: ctx.findings,
  };
}

/** Options shared by the task-context functions. */
export interface TaskContextOptions {
  /** lint findings already computed for `model` (saves re-linting a large schema on every call) */
  findings?: readonly Diagnostic[];
}

/** The tables, relationships and index hints needed to write a query answering `question`. */
export function getQueryContext(model: SchemaModel, question: string, options: TaskContextOptions = {}): TaskContext {
  return assemble(model, "query", question, matchTables(model, question), options.findings);
}

/** The tables a feature touches, plus `newConcepts`: nouns in the description that no table covers yet. */
export function getFeatureContext(model: SchemaModel, feature: string, options: TaskContextOptions = {}): TaskContext {
  const ctx = assemble(model, "feature", feature, matchTables(model, feature), options.findings);
  const covered = new Set(model.tables.flatMap((t) => [...tableKeys(t.name)]));
  const fieldNames = new Set(model.tables.flatMap((t) => t.fields.map((f) => f.name.toLowerCase())));
  const nouns: string[] = nlp(feature).nouns().toSingular().out("array");
  const concepts = new Set<string>();
  for (const phrase of nouns) {
    const last = phrase
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .pop();
    if (!last || last.length < 3 || STOP.has(last) || ["them", "they", "it", "this", "that", "user's"].includes(last))
      continue;
    if (covered.has(last) || fieldNames.has(last)) continue;
    concepts.add(pluralize.plural(last));
  }
  return { ...ctx, newConcepts: [...concepts].sort() };
}

/** The tables an error message is about: named tables, index names and field names it mentions, then their neighbours. */
export function getDebuggingContext(
  model: SchemaModel,
  errorText: string,
  options: TaskContextOptions = {},
): TaskContext {
  return assemble(model, "debugging", errorText, matchTables(model, errorText), options.findings);
}
