/**
 * Sample documents as values: `generateSampleDocuments` for the dashboard sandbox and tests, and
 * `checkValue`, a validator check used to prove the documents fit the model.
 */
import { Faker, en } from "@faker-js/faker";
import type { Field, SchemaModel, Table, Validator } from "../schema/model";
import { findTable } from "../schema/model";
import { tableShape } from "./analysis";
import { GENERATORS } from "./generators";
import type { Plan } from "./sample-plan";
import { insertionOrder } from "./sample-plan";

export type SampleValue =
  | null
  | boolean
  | number
  | string
  | bigint
  | ArrayBuffer
  | SampleValue[]
  | { [key: string]: SampleValue };

export interface RunContext {
  faker: Faker;
  /** Reference time (ms) for timestamps. */
  now: number;
  /** The id to use for a reference to `table` (must be a string: ids are strings, and may be record keys). */
  ref: (table: string) => string;
  /** Chance that an optional field is filled. @default 0.8 */
  optionalRate?: number;
}

/** Builds one value from a plan. */
export function runPlan(plan: Plan, ctx: RunContext): SampleValue {
  const f = ctx.faker;
  switch (plan.k) {
    case "gen":
      return GENERATORS[plan.gen].run(f, ctx.now);
    case "lit":
      return plan.bigint ? BigInt(plan.value as string) : plan.value;
    case "ref":
      return ctx.ref(plan.table);
    case "empty":
      return plan.of === "array" ? [] : {};
    case "array":
      return f.helpers.multiple(() => runPlan(plan.element, ctx), { count: { min: 1, max: 3 } });
    case "union":
      return runPlan(f.helpers.arrayElement(plan.members), ctx);
    case "record": {
      const out: Record<string, SampleValue> = {};
      const n = f.number.int({ min: 1, max: 2 });
      for (let i = 0; i < n; i++) out[String(runPlan(plan.key, ctx))] = runPlan(plan.value, ctx);
      return out;
    }
    case "object": {
      const out: Record<string, SampleValue> = {};
      const rate = ctx.optionalRate ?? 0.8;
      for (const field of plan.fields) {
        if (field.optional && rate < 1 && !f.datatype.boolean(rate)) continue;
        out[field.name] = runPlan(field.plan, ctx);
      }
      return out;
    }
  }
}

/** A sample document: `_id` is a placeholder `"<table>:<n>"` that references in other documents use. */
export type SampleDocument = { _id: string } & { [field: string]: SampleValue };

export interface SampleDocumentsOptions {
  /** faker seed: the same seed and model give the same documents. */
  seed: number;
  /** Documents per table (at least 1). */
  perTable: number;
  /** Reference time (ms) for timestamps. @default 1_700_000_000_000 */
  now?: number;
}

export interface SampleDocuments {
  /** Insertion order: every document's references point at documents of earlier tables or are optional. */
  order: string[];
  documents: Record<string, SampleDocument[]>;
  /** Tables that got no documents, with the reason (required references in a cycle). */
  unfillable: { table: string; reason: string }[];
}

/**
 * Realistic documents for every table, respecting references: ids of already inserted parents are used,
 * and optional references that need later tables (self references, cycles) are filled afterwards.
 */
export function generateSampleDocuments(model: SchemaModel, options: SampleDocumentsOptions): SampleDocuments {
  if (!Number.isInteger(options.perTable) || options.perTable < 1)
    throw new Error(`perTable must be a positive integer, got ${options.perTable}.`);
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed);
  const plan = insertionOrder(model);
  const documents: Record<string, SampleDocument[]> = {};
  const ctx: RunContext = {
    faker,
    now: options.now ?? 1_700_000_000_000,
    ref: (table) => faker.helpers.arrayElement(documents[table]!)._id,
  };
  for (const table of plan.order) {
    documents[table] = [];
    for (let i = 0; i < options.perTable; i++) {
      const value = runPlan(plan.plans[table], ctx) as Record<string, SampleValue>;
      documents[table].push({ ...value, _id: `${table}:${i}` });
    }
  }
  for (const [table, fields] of Object.entries(plan.secondPass)) {
    for (const doc of documents[table]) {
      for (const { field, plan: p } of fields) if (faker.datatype.boolean(0.5)) doc[field] = runPlan(p, ctx);
    }
  }
  return { order: plan.order, documents, unfillable: plan.unfillable };
}

/** Why a value does not match a validator (with a dotted path), or undefined when it matches. */
export function checkValue(
  v: Validator,
  value: unknown,
  path: string,
  idExists: (table: string, id: string) => boolean,
): string | undefined {
  const bad = (what: string) =>
    `${path}: expected ${what}, got ${typeof value === "bigint" ? `${value}n` : JSON.stringify(value)}`;
  switch (v.kind) {
    case "id":
      return typeof value === "string" && idExists(v.table, value) ? undefined : bad(`an id of "${v.table}"`);
    case "string":
      return typeof value === "string" ? undefined : bad("a string");
    case "number":
      return typeof value === "number" ? undefined : bad("a number");
    case "int64":
      return typeof value === "bigint" ? undefined : bad("a bigint");
    case "boolean":
      return typeof value === "boolean" ? undefined : bad("a boolean");
    case "null":
      return value === null ? undefined : bad("null");
    case "bytes":
      return value instanceof ArrayBuffer ? undefined : bad("bytes");
    case "any":
      return undefined;
    case "literal":
      return (v.bigint ? typeof value === "bigint" && String(value) === String(v.value) : value === v.value)
        ? undefined
        : bad(JSON.stringify(v.value));
    case "array":
      if (!Array.isArray(value)) return bad("an array");
      return value.map((x, i) => checkValue(v.element, x, `${path}[${i}]`, idExists)).find((e) => e !== undefined);
    case "record":
      if (!isPlainObject(value)) return bad("a record");
      for (const [k, x] of Object.entries(value)) {
        const e = checkValue(v.key, k, `${path}{key}`, idExists) ?? checkValue(v.value, x, `${path}.${k}`, idExists);
        if (e) return e;
      }
      return undefined;
    case "object":
      return isPlainObject(value) ? checkFields(v.fields, value, path, idExists) : bad("an object");
    case "union":
      return v.members.some((m) => checkValue(m, value, path, idExists) === undefined)
        ? undefined
        : bad("one of the union's members");
  }
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof ArrayBuffer);
}

function checkFields(
  fields: Field[],
  value: Record<string, unknown>,
  path: string,
  idExists: (t: string, id: string) => boolean,
): string | undefined {
  for (const key of Object.keys(value)) {
    if (!fields.some((f) => f.name === key)) return `${path}.${key}: field not in the validator`;
  }
  for (const f of fields) {
    const x = value[f.name];
    if (x === undefined) {
      if (!f.optional) return `${path}.${f.name}: missing required field`;
      continue;
    }
    const e = checkValue(f.validator, x, `${path}.${f.name}`, idExists);
    if (e) return e;
  }
  return undefined;
}

/** Checks a document (without `_id`) against its table; returns the first problem or undefined. */
export function checkDocument(
  model: SchemaModel,
  tableName: string,
  doc: Record<string, unknown>,
  idExists: (t: string, id: string) => boolean,
): string | undefined {
  const table: Table | undefined = findTable(model, tableName);
  if (!table) return `unknown table "${tableName}"`;
  const { _id, ...fields } = doc;
  void _id;
  switch (tableShape(table)) {
    case "any":
      return undefined;
    case "object":
      return checkFields(table.fields, fields, tableName, idExists);
    case "union": {
      const errors = table.variants!.map((vs) => checkFields(vs, fields, tableName, idExists));
      return errors.some((e) => e === undefined) ? undefined : errors[0];
    }
  }
}
