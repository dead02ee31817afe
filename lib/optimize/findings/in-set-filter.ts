/**
 * A collected `.filter()` that keeps documents whose field is one of a few values (`q.or(q.eq(q.field("status"),
 * "a"), q.eq(q.field("status"), "b"))`) and no other filter equality: an index holding the query's equalities then
 * that field reads only the matching documents, with one `.withIndex` query per value (results grouped by value). Shared by OPT101 (an existing
 * index serves it), OPT107 (the field is a `v.id`) and OPT108 (another field).
 */
import type { Index, SourceLocation } from "../../schema/model";
import type { QueryNeed } from "../needs";
import { conjuncts, indexName, isIdField, isIndexableField, queryNeed, tableIncomplete, usableIndexes } from "../needs";
import type { Finding, Predicate } from "../types";
import { scanScope } from "./index-filters";
import type { CheckInput } from "./shared";
import { querySites, quoteList } from "./shared";

export interface InSetCase {
  need: QueryNeed;
  functions: string[];
  field: string;
  values: number;
  loc: SourceLocation;
  /** The fields an index needs, in order: the query's index equalities, then the field (then its range field). */
  fields: string[];
  /** The query's index range, kept after the per-value equality (`.gt("_creationTime", …)`). */
  rangeSteps: string[];
  existing?: Index;
}

/** The field every branch of an `or` compares for equality, when they all compare the same one. */
function inSetField(p: Predicate): { field: string; values: number } | undefined {
  if (p.op !== "or" || p.args.length < 2) return undefined;
  const fields = new Set(p.args.map((a) => (a.op === "eq" ? a.field : undefined)));
  const [field] = [...fields];
  return fields.size === 1 && field ? { field, values: p.args.length } : undefined;
}

export function inSetCases(input: CheckInput): InSetCase[] {
  const cached = CACHE.get(input.analysis);
  if (cached && cached.schema === input.schema) return cached.cases;
  const out: InSetCase[] = [];
  for (const { access, functions } of querySites(input.analysis)) {
    // Only a read of every match: per-value reads merged give the same documents. With take/first/paginate the
    // limit would apply across values, which per-value reads cannot reproduce simply.
    const t = access.terminal?.kind;
    if (t !== "collect" && t !== "iterate") continue;
    const need = queryNeed(input.schema, access);
    // Filter equalities are classified elsewhere. An index range stays last: after the set's field, or implied
    // when it is on _creationTime (every index ends with it).
    if (
      !need ||
      need.eqFilter.length ||
      access.rangeFields.length > 1 ||
      tableIncomplete(input.schema, need.table.name)
    )
      continue;
    const range = access.rangeFields[0];
    const rangeSteps = (access.index?.steps ?? []).filter((s) => s.op !== "eq").map((s) => `.${s.op}("${s.field}", …)`);
    for (const f of access.filters) {
      const hit = conjuncts(f.predicate)
        .map(inSetField)
        .find((s) => s && isIndexableField(need.table, s.field) && !need.eqServed.includes(s.field));
      if (!hit) continue;
      const want = new Set([...need.eqServed, hit.field]);
      const existing = usableIndexes(need.table).find((i) => {
        const lead = i.fields.slice(0, want.size);
        if (lead.length !== want.size || !lead.every((x) => want.has(x))) return false;
        if (range === undefined) return true;
        return range === "_creationTime" ? i.fields.length === want.size : i.fields[want.size] === range;
      });
      const tail = range && range !== "_creationTime" ? [range] : [];
      out.push({
        need,
        functions,
        field: hit.field,
        values: hit.values,
        loc: f.loc,
        fields: [...need.eqServed, hit.field, ...tail],
        rangeSteps,
        ...(existing ? { existing } : {}),
      });
      break;
    }
  }
  CACHE.set(input.analysis, { schema: input.schema, cases: out });
  return out;
}

const CACHE = new WeakMap<CheckInput["analysis"], { schema: CheckInput["schema"]; cases: InSetCase[] }>();

/** The findings of one code: OPT101 when an existing index serves the set, else OPT107 (id field) or OPT108. */
export function inSetFindings(input: CheckInput, code: "OPT101" | "OPT107" | "OPT108"): Finding[] {
  const out: Finding[] = [];
  for (const c of inSetCases(input)) {
    const id = isIdField(c.need.table, c.field);
    const mine = c.existing ? code === "OPT101" : code === (id ? "OPT107" : "OPT108");
    if (!mine) continue;
    const what = `Filter on ${id ? "id field " : ""}"${c.field}" (one of ${c.values} values) reads ${scanScope(c.need)}`;
    const steps = [...c.need.eqServed.map((f) => `.eq("${f}", …)`), `.eq("${c.field}", value)`, ...c.rangeSteps].join(
      "",
    );
    if (c.existing) {
      out.push({
        code,
        severity: c.need.eqServed.length ? "info" : "warning",
        message: `${what} although index "${c.existing.name}" serves it, read once per value (results then grouped by value).`,
        path: `${c.need.table.name}.${c.existing.name}`,
        loc: c.loc,
        functions: c.functions,
        fixes: [
          {
            description: `Query .withIndex("${c.existing.name}", q => q${steps}) once per value and merge the results.`,
          },
        ],
      });
      continue;
    }
    const name = indexName(c.need.table, c.fields);
    out.push({
      code,
      severity: id && !c.need.eqServed.length ? "warning" : "info",
      message: `${what}; index "${name}" on ${quoteList(c.fields)} would read only matching documents, once per value (results then grouped by value).`,
      path: `${c.need.table.name}.${c.field}`,
      loc: c.loc,
      functions: c.functions,
      fixes: [
        {
          description: `Add index "${name}" on ${quoteList(c.fields)} to "${c.need.table.name}" and query it with .withIndex("${name}", q => q${steps}) once per value.`,
          operations: [{ op: "addIndex", table: c.need.table.name, index: { name, fields: c.fields } }],
        },
      ],
    });
  }
  return out;
}
