/**
 * Sample-value plans: for each table, a tree saying how to build a document (which generator per leaf, which
 * table an id comes from), given the tables whose documents already exist. Plans are interpreted twice:
 * into faker code (the seed mutation) and into values (`generateSampleDocuments`, generated tests).
 *
 * Insertion order: tables are taken greedily in model order once every required reference can be met by
 * tables already inserted. Optional references to later tables (self references, cycles) are filled in a
 * second pass by patching. Tables whose required references form a cycle cannot be filled and are reported.
 */
import pluralize from "pluralize";
import type { Field, SchemaModel, Table, Validator } from "../schema/model";
import type { GeneratorName } from "./generators";
import { chooseGenerator } from "./generators";
import { tableShape } from "./analysis";

export type Plan =
  | { k: "gen"; gen: GeneratorName }
  | { k: "lit"; value: string | number | boolean | null; bigint?: boolean }
  | { k: "ref"; table: string }
  | { k: "object"; fields: { name: string; optional: boolean; plan: Plan }[] }
  | { k: "array"; element: Plan }
  | { k: "record"; key: Plan; value: Plan }
  | { k: "union"; members: Plan[] }
  /** An empty array or record: the element cannot be built yet. */
  | { k: "empty"; of: "array" | "record" };

/** Plan for a validator, or undefined when no value can be built with the `available` tables. */
export function planValidator(
  v: Validator,
  name: string,
  available: ReadonlySet<string>,
  table?: string,
): Plan | undefined {
  switch (v.kind) {
    case "id":
      return available.has(v.table) ? { k: "ref", table: v.table } : undefined;
    case "string":
    case "number":
    case "int64":
    case "boolean":
    case "bytes":
      return { k: "gen", gen: chooseGenerator(v.kind, name, table) };
    case "any":
      // null fits \`v.any()\` and any narrower TypeScript type a helper gives it (e.g. convex-helpers' \`deprecated\`).
      return { k: "lit", value: null };
    case "null":
      return { k: "lit", value: null };
    case "literal":
      return { k: "lit", value: v.value, bigint: v.bigint };
    case "array": {
      const element = planValidator(v.element, pluralize.singular(name), available, table);
      return element ? { k: "array", element } : { k: "empty", of: "array" };
    }
    case "record": {
      const key =
        v.key.kind === "string"
          ? ({ k: "gen", gen: "recordKey" } as const)
          : planValidator(v.key, "key", available, table);
      const value = planValidator(v.value, name, available, table);
      return key && value ? { k: "record", key, value } : { k: "empty", of: "record" };
    }
    case "object":
      return planFields(v.fields, available, undefined, table);
    case "union": {
      const members = v.members
        .map((m) => planValidator(m, name, available, table))
        .filter((p): p is Plan => p !== undefined);
      if (members.length === 0) return undefined;
      return members.length === 1 ? members[0] : { k: "union", members };
    }
  }
}

/** Plan for an object's fields: optional fields that cannot be built are left out. */
export function planFields(
  fields: Field[],
  available: ReadonlySet<string>,
  omit?: string,
  table?: string,
): Plan | undefined {
  const out: { name: string; optional: boolean; plan: Plan }[] = [];
  for (const f of fields) {
    if (f.name === omit) continue;
    const plan = planValidator(f.validator, f.name, available, table);
    if (plan) out.push({ name: f.name, optional: f.optional, plan });
    else if (!f.optional) return undefined;
  }
  return { k: "object", fields: out };
}

/** Plan for a whole document of a table (a union of variants for union documents). */
export function planDocument(table: Table, available: ReadonlySet<string>, omit?: string): Plan | undefined {
  switch (tableShape(table)) {
    case "any":
      return { k: "object", fields: [] };
    case "object":
      return planFields(table.fields, available, omit, table.name);
    case "union": {
      const members = table
        .variants!.map((fs) => planFields(fs, available, omit, table.name))
        .filter((p): p is Plan => p !== undefined);
      if (members.length === 0) return undefined;
      return members.length === 1 ? members[0] : { k: "union", members };
    }
  }
}

/** A top-level optional field filled after every table is inserted (its ids did not exist yet). */
export interface SecondPass {
  field: string;
  plan: Plan;
}

export interface InsertionOrder {
  /** Tables in the order their documents can be inserted. */
  order: string[];
  /** First-pass plan of each ordered table. */
  plans: Record<string, Plan>;
  /** Optional fields to fill afterwards, per table (object documents only). */
  secondPass: Record<string, SecondPass[]>;
  /** Tables that cannot be filled, with the reason. */
  unfillable: { table: string; reason: string }[];
}

// Models are treated as immutable values: the order of one model object is computed once.
const orderCache = new WeakMap<SchemaModel, InsertionOrder>();

/** Computes the insertion order and plans for every table of the model. */
export function insertionOrder(model: SchemaModel): InsertionOrder {
  let cached = orderCache.get(model);
  if (!cached) orderCache.set(model, (cached = computeInsertionOrder(model)));
  return cached;
}

function computeInsertionOrder(model: SchemaModel): InsertionOrder {
  const available = new Set<string>();
  const order: string[] = [];
  const plans: Record<string, Plan> = {};
  let progress = true;
  while (progress) {
    progress = false;
    for (const t of model.tables) {
      if (available.has(t.name)) continue;
      const plan = planDocument(t, available);
      if (!plan) continue;
      plans[t.name] = plan;
      order.push(t.name);
      available.add(t.name);
      progress = true;
    }
  }
  const secondPass: Record<string, SecondPass[]> = {};
  for (const name of order) {
    const t = model.tables.find((x) => x.name === name)!;
    if (tableShape(t) !== "object") continue;
    const first =
      plans[name].k === "object"
        ? new Set((plans[name] as { fields: { name: string }[] }).fields.map((f) => f.name))
        : new Set<string>();
    const later = t.fields
      .filter((f) => f.optional && !first.has(f.name))
      .map((f) => ({ field: f.name, plan: planValidator(f.validator, f.name, available, t.name) }))
      .filter((x): x is SecondPass => x.plan !== undefined);
    if (later.length > 0) secondPass[name] = later;
  }
  const unfillable = model.tables
    .filter((t) => !available.has(t.name))
    .map((t) => ({
      table: t.name,
      reason: `"${t.name}" has required references that form a cycle (or depend on one), so no document can be inserted first.`,
    }));
  return { order, plans, secondPass, unfillable };
}

/** Tables referenced anywhere in a plan. */
export function planRefs(plan: Plan, out = new Set<string>()): Set<string> {
  switch (plan.k) {
    case "ref":
      out.add(plan.table);
      break;
    case "object":
      for (const f of plan.fields) planRefs(f.plan, out);
      break;
    case "array":
      planRefs(plan.element, out);
      break;
    case "record":
      planRefs(plan.key, out);
      planRefs(plan.value, out);
      break;
    case "union":
      for (const m of plan.members) planRefs(m, out);
      break;
  }
  return out;
}

/**
 * A plan without optional parts (optional fields, union members, array elements) that reference tables outside
 * `allowed`; required references stay. Generated tests use it to insert only the parents they need.
 */
export function pruneRefs(plan: Plan, allowed: ReadonlySet<string>): Plan {
  const ok = (p: Plan) => [...planRefs(p)].every((t) => allowed.has(t));
  switch (plan.k) {
    case "object":
      return {
        k: "object",
        fields: plan.fields
          .filter((f) => !f.optional || ok(f.plan))
          .map((f) => ({ ...f, plan: pruneRefs(f.plan, allowed) })),
      };
    case "union": {
      const kept = plan.members.filter(ok);
      const members = (kept.length > 0 ? kept : plan.members).map((m) => pruneRefs(m, allowed));
      return members.length === 1 ? members[0] : { k: "union", members };
    }
    case "array":
      return ok(plan.element) ? { k: "array", element: pruneRefs(plan.element, allowed) } : { k: "empty", of: "array" };
    case "record":
      return ok(plan.key) && ok(plan.value) ? plan : { k: "empty", of: "record" };
    default:
      return plan;
  }
}
