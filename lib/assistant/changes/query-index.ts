/**
 * Indexes from how the app reads: "I often look up tasks by project and status", "we list comments by task,
 * newest first", "find users by email", "sort tasks by due date within a project", and vector indexes for
 * similarity search. An index that already serves the query is reported instead of duplicated.
 */
import type { Field, Table } from "../../schema/model";
import { indexName } from "../designer/names";
import { plural } from "../../text";
import { apply, resolveFieldLoose, resolveTableLoose, type FollowUpContext } from "../designer/resolve";

/** Verbs of reading: the table follows, then "by" and the fields. */
export const QUERY_VERBS = String.raw`(?:look(?:s|ing)?\s+up|query|queries|querying|find|finds|finding|fetch|fetches|fetching|get|gets|getting|list|lists|listing|filter|filters|filtering|load|loads|loading|retrieve|retrieves|look(?:s|ing)?\s+for|group|groups|grouping|sort|sorts|sorting|order|orders|ordering|show|shows|showing|paginate|page through|select|read|reads|search for|count|counts)`;

/** "project and status", "project, then status, sorted by due date": equality fields, then the range/sort field. */
function fieldPhrases(raw: string, sorting: boolean): { eq: string[]; sort?: string } {
  // "by targetId a lot — can you make that fast?": the fields end at a clause break or a frequency word.
  const by = raw
    .replace(/\s*(?:[;:—–?!]|\s-\s|,\s*(?=(?:can|could|would|please|so|because|which|that|it|this|but)\b)).*$/i, "")
    .replace(/\s+(?:is|are|gets?|feels?)\s+(?:too\s+|really\s+|so\s+|very\s+)?(?:slow|expensive|heavy|costly)$/i, "")
    .replace(
      /\s+(?:together|combined|at\s+once|a\s+lot|a\s+bunch|often|frequently|all\s+the\s+time|constantly|regularly|usually|mostly|every\s+time|fast|quickly)$/i,
      "",
    )
    .replace(/\s*\+\s*/g, " and ")
    .trim();
  // "by due date within a project", "by status per workspace": the group is an equality that comes first.
  const group = /^(.+?)\s+(?:within|per|for|in|inside|of)\s+(?:a|an|each|the|one|every|their|its)\s+(.+)$/i.exec(by);
  if (group) {
    const inner = fieldPhrases(group[1], sorting);
    const outer = fieldPhrases(group[2], false);
    return sorting && !inner.sort && inner.eq.length === 1
      ? { eq: outer.eq, sort: inner.eq[0] }
      : { eq: [...outer.eq, ...inner.eq], sort: inner.sort };
  }
  if (sorting && !/\b(?:and|,)\b/.test(by)) return { eq: [], sort: by.replace(/^(?:the|their|its)\s+/i, "").trim() };
  const [main, sortPart] = by.split(
    /\s*,?\s*(?:(?:and\s+)?(?:sorted|ordered|sort|order|newest|oldest|latest)\s+(?:first\s+)?(?:by|on)\s+|\s+then\s+(?:sorted|ordered)\s+by\s+)/i,
  );
  const eq = main
    .replace(/\s*,?\s*(?:newest|oldest|latest|most recent)\s+first\b.*$/i, "")
    .split(/\s*(?:,|\band\b|\bthen\b|\bplus\b|&)\s*/i)
    .map((s) => s.replace(/^(?:the|their|its|a|an)\s+/i, "").trim())
    .filter(Boolean);
  return {
    eq,
    sort:
      sortPart
        ?.replace(/^(?:the|their|its)\s+/i, "")
        .replace(/\s+(?:asc|desc|ascending|descending|first)$/i, "")
        .trim() || undefined,
  };
}

/** Whether an existing index serves equality on `eq` (any order among them) followed by `sort`. */
function serving(table: Table, eq: string[], sort?: string): string | undefined {
  const want = [...eq, ...(sort ? [sort] : [])];
  return table.indexes.find((i) => {
    if (i.fields.length < want.length) return false;
    const head = i.fields.slice(0, eq.length);
    if (!eq.every((f) => head.includes(f))) return false;
    return !sort || i.fields[eq.length] === sort;
  })?.name;
}

/**
 * Adds the index a read pattern needs. Returns false when the phrase does not name a table of the schema (then it
 * is not this kind of edit); questions when a field is missing.
 */
export function indexForQuery(tablePhrase: string, by: string, ctx: FollowUpContext, sorting = false): boolean {
  const phrase = tablePhrase
    .replace(/^(?:all\s+)?(?:the\s+|my\s+|our\s+|their\s+)?/i, "")
    .replace(/\s+(?:filtered|sorted|ordered|grouped|searched|matched|selected)$/i, "");
  const table = resolveTableLoose(ctx.schema, phrase) ?? (tablePhrase ? undefined : ctx.scope);
  if (!table) return false;
  ctx.recent = table;
  const { eq, sort } = fieldPhrases(by, sorting);
  const resolve = (p: string): Field | undefined =>
    resolveFieldLoose(table, p) ??
    (/^(?:creation|created|creation time|date created|newest|oldest)$/i.test(p)
      ? { name: "_creationTime", validator: { kind: "number" }, optional: false }
      : undefined);
  const eqFields = eq.map(resolve);
  const sortField = sort ? resolve(sort) : undefined;
  const missing = [...eq.filter((_, k) => !eqFields[k]), ...(sort && !sortField ? [sort] : [])];
  if (missing.length) {
    ctx.questions.push(
      `Table "${table.name}" has no field ${missing.map((m) => `"${m}"`).join(", ")}. Which ${plural(missing.length, "field")} should the index cover?`,
    );
    return true;
  }
  const eqNames = (eqFields as Field[]).map((f) => f.name).filter((n) => n !== "_creationTime");
  // Convex appends _creationTime to every index: sorting by creation needs no extra field.
  const sortName = sortField && sortField.name !== "_creationTime" ? sortField.name : undefined;
  if (eqNames.length === 0 && !sortName) {
    ctx.notes.push(
      `Reading "${table.name}" in creation order needs no index: Convex orders by "_creationTime" already.`,
    );
    return true;
  }
  const existing = serving(table, eqNames, sortName);
  const cols = [...eqNames, ...(sortName ? [sortName] : [])];
  if (existing) {
    ctx.notes.push(`"${table.name}" already has index "${existing}" that serves reads by ${cols.join(", ")}.`);
    return true;
  }
  let name = indexName(cols);
  if ([...table.indexes, ...table.searchIndexes, ...table.vectorIndexes].some((i) => i.name === name))
    name = `${name}_2`;
  apply(
    ctx,
    [{ op: "addIndex", table: table.name, index: { name, fields: cols } }],
    `Adds index "${name}" on "${table.name}" (${cols.join(", ")}) for reads by ${cols.join(" and ")}; use it with .withIndex("${name}", …).`,
  );
  return true;
}

/** Dimensions of common embedding models, when the request names none. */
const DEFAULT_DIMENSIONS = 1536;

/** A vector index for similarity search on a table, adding an `embedding` field when it has none. */
export function vectorIndex(tablePhrase: string, text: string, ctx: FollowUpContext): boolean {
  const table = (tablePhrase ? resolveTableLoose(ctx.schema, tablePhrase) : undefined) ?? ctx.scope;
  if (!table) return false;
  ctx.recent = table;
  const isVector = (f: Field) => f.validator.kind === "array" && f.validator.element.kind === "number";
  const named = /\b(?:on|of)\s+(?:the\s+)?(\w+)\s+field\b/i.exec(text)?.[1];
  const field = (named ? resolveFieldLoose(table, named) : undefined) ?? table.fields.find(isVector);
  const existing = field && table.vectorIndexes.find((i) => i.vectorField === field.name);
  if (existing) {
    ctx.notes.push(`"${table.name}" already has vector index "${existing.name}" on "${field.name}".`);
    return true;
  }
  const dims = Number(/\b(\d{1,4})[\s-]*(?:dimensions?|dims?|d)\b/i.exec(text)?.[1] ?? DEFAULT_DIMENSIONS);
  const ops = [];
  const vectorField = field && isVector(field) ? field.name : "embedding";
  if (!field || !isVector(field)) {
    if (table.fields.some((f) => f.name === "embedding")) {
      ctx.questions.push(
        `"${table.name}.embedding" is not an array of numbers. Which field holds the embedding vector?`,
      );
      return true;
    }
    ops.push({
      op: "addField" as const,
      table: table.name,
      field: {
        name: "embedding",
        validator: { kind: "array" as const, element: { kind: "number" as const } },
        optional: true,
        description: "Embedding vector for similarity search.",
      },
    });
  }
  const filterFields = table.fields
    .filter((f) => f.validator.kind === "id" && !f.optional)
    .map((f) => f.name)
    .slice(0, 2);
  ops.push({
    op: "addVectorIndex" as const,
    table: table.name,
    index: { name: `by_${vectorField}`, vectorField, dimensions: dims, filterFields },
  });
  if (!/\d+[\s-]*(?:dimensions?|dims?)/i.test(text))
    ctx.assumptions.push(
      `The vector index has ${dims} dimensions (OpenAI's text-embedding-3-small); say the size your embedding model produces if it differs.`,
    );
  apply(
    ctx,
    ops,
    `Adds vector index "by_${vectorField}" on "${table.name}.${vectorField}" (${dims} dimensions${filterFields.length ? `, filterable by ${filterFields.join(", ")}` : ""}) for similarity search with ctx.vectorSearch.`,
  );
  return true;
}
