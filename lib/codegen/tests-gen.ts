/**
 * `convex/<table>.test.ts`: a convex-test file exercising every generated function of a table:
 * create → get → update → list (and listBy…) → remove, calls without identity, calls by another user
 * (owner tables), and the internal variants. Sample values are fixed at generation time (seeded faker) so the
 * tests are reproducible; parents are inserted first in dependency order.
 */
import { Faker, en } from "@faker-js/faker";
import type { SchemaModel, Table } from "../schema/model";
import { findTable, propertyKey } from "../schema/model";
import type { IncomingRef, Owner } from "./analysis";
import { findOwner, identityLookup, incomingRefs, tableShape } from "./analysis";
import { usersTables } from "./access-gen";
import { REF_MARK, idsVar, valueToCode } from "./code";
import { listBys } from "./functions-gen";
import { contentHash } from "./header";
import type { ResolvedOptions } from "./options";
import { apiPath, member, tableModule } from "./options";
import type { InsertionOrder, Plan } from "./sample-plan";
import { insertionOrder, planDocument, planRefs, pruneRefs } from "./sample-plan";
import type { SampleValue } from "./sample-data";
import { runPlan } from "./sample-data";

interface Sampler {
  value: (plan: Plan) => SampleValue;
}

// One faker instance, re-seeded per table: building a Faker is far slower than seeding one.
let sharedFaker: Faker | undefined;

function sampler(table: string, options: ResolvedOptions): Sampler {
  const faker = (sharedFaker ??= new Faker({ locale: [en] }));
  faker.seed(options.sampleSeed + parseInt(contentHash(table).slice(0, 6), 16));
  const ctx = { faker, now: options.now, ref: (t: string) => `${REF_MARK}${t}`, optionalRate: 1 };
  return { value: (plan) => runPlan(plan, ctx) };
}

function prefix(order: InsertionOrder, table: string): Set<string> {
  return new Set(order.order.slice(0, Math.max(0, order.order.indexOf(table))));
}

/**
 * Tables to insert before the test, in insertion order: the fixpoint of the references that the plans still
 * hold once optional references outside the set are pruned (so only the parents a test needs are inserted).
 */
function parentClosure(order: InsertionOrder, start: Plan[], extra: string[]): Set<string> {
  const need = new Set<string>(extra);
  for (let grew = true; grew; ) {
    grew = false;
    const plans = [...start, ...[...need].map((t) => order.plans[t])];
    for (const p of plans) {
      for (const r of planRefs(pruneRefs(p, need))) {
        if (!need.has(r)) {
          need.add(r);
          grew = true;
        }
      }
    }
  }
  return need;
}

/** The identity options and users-table value override of a test user. */
function identityFor(
  model: SchemaModel,
  owner: Owner | undefined,
  who: string,
): { identity: string; field?: [string, string] } {
  if (!owner)
    return {
      identity: `{ subject: "${who}", issuer: "https://test.example", tokenIdentifier: "https://test.example|${who}" }`,
    };
  const lookup = identityLookup(model, owner.usersTable);
  if (lookup.kind === "subjectId")
    return { identity: `{ subject: \`\${ids.${who === "alice" ? owner.usersTable : "bob"}}|session\` }` };
  const value = lookup.source === "tokenIdentifier" ? `https://test.example|${who}` : who;
  return {
    identity: `{ subject: "${who}", issuer: "https://test.example", tokenIdentifier: "https://test.example|${who}" }`,
    field: [lookup.field, value],
  };
}

function withField(value: SampleValue, field?: [string, string]): SampleValue {
  if (!field || value === null || typeof value !== "object" || Array.isArray(value) || value instanceof ArrayBuffer)
    return value;
  return { ...value, [field[0]]: field[1] };
}

/** The setup function: inserts the parents (and both test users for owner tables) and returns their ids. */
function setupCode(
  model: SchemaModel,
  table: Table,
  order: InsertionOrder,
  s: Sampler,
  parents: string[],
  owner?: Owner,
): string {
  const alice = identityFor(model, owner, "alice");
  const bob = identityFor(model, owner, "bob");
  const need = new Set(parents);
  const inserts = parents.map((p) => {
    const plan = pruneRefs(order.plans[p], need);
    const value = withField(s.value(plan), p === owner?.usersTable ? alice.field : undefined);
    return `    const ${idsVar(p)} = await ctx.db.insert(${JSON.stringify(p)}, ${valueToCode(value, idsVar)} as WithoutSystemFields<Doc<${JSON.stringify(p)}>>);`;
  });
  const keys = parents.map((p) => `${propertyKey(p)}: ${idsVar(p)}`);
  if (owner) {
    const value = withField(s.value(pruneRefs(order.plans[owner.usersTable], need)), bob.field);
    inserts.push(
      `    const bob = await ctx.db.insert(${JSON.stringify(owner.usersTable)}, ${valueToCode(value, idsVar)} as WithoutSystemFields<Doc<${JSON.stringify(owner.usersTable)}>>);`,
    );
    keys.push("bob");
  }
  void table;
  return `async function setup() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
${inserts.join("\n")}
    return { ${keys.join(", ")} };
  });
  const alice = t.withIdentity(${alice.identity});
  const bob = t.withIdentity(${bob.identity});
  return { t, ids, alice, bob };
}`;
}

/** A small patch: up to two fields (not `keep`) with fresh sample values (object documents). */
function patchValue(full: SampleValue, keep?: string): SampleValue {
  if (full === null || typeof full !== "object" || Array.isArray(full) || full instanceof ArrayBuffer) return {};
  const entries = Object.entries(full).filter(([k]) => k !== keep);
  const scalar = entries.filter(([, x]) => typeof x !== "object" || x === null);
  return Object.fromEntries((scalar.length > 0 ? scalar : entries).slice(0, 2));
}

/** What the test templates share. */
interface TestCtx {
  t: string;
  api: string;
  internal: string;
  shape: "object" | "union" | "any";
  owner?: Owner;
  /** "patch" (object documents) or "value" (replaced whole). */
  patchArg: string;
  /** For tables of users: the caller's own row (`ids.<table>`), the only one update and remove accept. */
  own?: string;
}

const PAGE = `paginationOpts: { numItems: 10, cursor: null }`;

function crudTest(c: TestCtx, listBy: string[]): string {
  const expectCreated = c.shape === "object" ? "createArgs(ids)" : "createArgs(ids).value";
  return `test(${JSON.stringify(`${c.t}: create, get, list, update, remove`)}, async () => {
  const { ids, alice } = await setup();
  const id = await alice.mutation(${c.api}.create, createArgs(ids));
  expect(await alice.query(${c.api}.get, { id })).toMatchObject(${expectCreated});
  const page = await alice.query(${c.api}.list, { ${PAGE} });
  expect(page.page.map((d) => d._id)).toContain(id);
${listBy.join("\n")}
${c.own ? `  // Users change and remove only their own row.\n  const own = ${c.own};\n` : ""}  await alice.mutation(${c.api}.update, { id: ${c.own ? "own" : "id"}, ${c.patchArg}: patchArgs(ids) });
  expect(await alice.query(${c.api}.get, { id: ${c.own ? "own" : "id"} })).toMatchObject(patchArgs(ids));
  await alice.mutation(${c.api}.remove, { id: ${c.own ? "own" : "id"} });
  expect(await alice.query(${c.api}.get, { id: ${c.own ? "own" : "id"} })).toBeNull();
});`;
}

function selfTest(c: TestCtx): string {
  return `test(${JSON.stringify(`${c.t}: another user cannot change or remove someone else's row`)}, async () => {
  const { ids, bob } = await setup();
  await expect(bob.mutation(${c.api}.update, { id: ${c.own}, ${c.patchArg}: patchArgs(ids) })).rejects.toThrow(/FORBIDDEN/);
  await expect(bob.mutation(${c.api}.remove, { id: ${c.own} })).rejects.toThrow(/FORBIDDEN/);
});`;
}

function authTest(c: TestCtx): string {
  return `test(${JSON.stringify(`${c.t}: callers who are not signed in are rejected`)}, async () => {
  const { t, ids } = await setup();
  await expect(t.mutation(${c.api}.create, createArgs(ids))).rejects.toThrow(/UNAUTHENTICATED/);
  await expect(t.query(${c.api}.list, { ${PAGE} })).rejects.toThrow(/UNAUTHENTICATED/);
});`;
}

function ownerTest(c: TestCtx, owner: Owner): string {
  return `test(${JSON.stringify(`${c.t}: another user cannot read, change or remove a document`)}, async () => {
  const { ids, alice, bob } = await setup();
  const id = await alice.mutation(${c.api}.create, createArgs(ids));
  await expect(bob.query(${c.api}.get, { id })).rejects.toThrow(/FORBIDDEN/);
  await expect(bob.mutation(${c.api}.update, { id, ${c.patchArg}: patchArgs(ids) })).rejects.toThrow(/FORBIDDEN/);
  await expect(bob.mutation(${c.api}.remove, { id })).rejects.toThrow(/FORBIDDEN/);
  const page = await bob.query(${c.api}.list, { ${PAGE} });
  expect(page.page.map((d) => d._id)).not.toContain(id);
  expect(${member("(await alice.query(" + c.api + ".get, { id }))!", owner.field)}).toBe(ids.${owner.usersTable});
});`;
}

function internalTest(c: TestCtx): string {
  const T = JSON.stringify(c.t);
  return `test(${JSON.stringify(`${c.t}: internal functions work without a signed-in user`)}, async () => {
  const { t, ids } = await setup();
  const id = await t.mutation(${c.internal}.internalCreate, internalArgs(ids));
  expect(await t.run((ctx) => ctx.db.get(${T}, id))).toMatchObject(${c.shape === "object" ? "internalArgs(ids)" : "internalArgs(ids).value"});
  await t.mutation(${c.internal}.internalUpdate, { id, ${c.patchArg}: internalPatchArgs(ids) });
  expect(await t.run((ctx) => ctx.db.get(${T}, id))).toMatchObject(internalPatchArgs(ids));
  await t.mutation(${c.internal}.internalRemove, { id });
  expect(await t.run((ctx) => ctx.db.get(${T}, id))).toBeNull();
});`;
}

/** `listBy…` calls for parents the created document references (by the id variable of the inserted parent). */
function listByChecks(
  model: SchemaModel,
  table: Table,
  c: TestCtx,
  created: SampleValue,
  refVar: (x: string) => string,
): string[] {
  const fields =
    created !== null && typeof created === "object" && !Array.isArray(created) && !(created instanceof ArrayBuffer)
      ? created
      : {};
  return listBys(model, table)
    .filter(
      (lb) => lb.name && typeof fields[lb.ref.field] === "string" && String(fields[lb.ref.field]).startsWith(REF_MARK),
    )
    .map(
      (
        lb,
      ) => `  const ${lb.name} = await alice.query(${c.api}.${lb.name}, { ${propertyKey(lb.ref.field)}: ${valueToCode(fields[lb.ref.field], refVar)}, ${PAGE} });
  expect(${lb.name}.page.map((d) => d._id)).toContain(id);`,
    );
}

function testsBody(model: SchemaModel, table: Table, options: ResolvedOptions, order: InsertionOrder): string {
  const shape = tableShape(table);
  const owner = findOwner(model, table);
  const mod = tableModule(table.name, options);
  const self = !owner && usersTables(model).includes(table.name);
  const c: TestCtx = {
    t: table.name,
    api: apiPath("api", mod),
    internal: apiPath("internal", mod),
    shape,
    owner,
    patchArg: shape === "object" ? "patch" : "value",
    own: self ? `ids.${table.name}` : undefined,
  };
  // The users table whose rows the test identities are (the owner's, or this table for a users table).
  const account: Owner | undefined =
    owner ?? (self ? { field: "", usersTable: table.name, optional: false } : undefined);
  const lookup = self ? identityLookup(model, table.name) : undefined;
  const s = sampler(table.name, options);
  const before = prefix(order, table.name);
  const createPlan0 = planDocument(table, before, owner?.field)!;
  const fullPlan0 = planDocument(table, before)!;
  const dep = dependantCase(model, table, options, order);
  const need = parentClosure(
    order,
    [createPlan0, fullPlan0, ...(dep ? [dep.plan] : [])],
    account ? [account.usersTable] : [],
  );
  const createPlan = pruneRefs(createPlan0, need);
  const fullPlan = pruneRefs(fullPlan0, need);
  const refVar = (x: string) => `ids.${x}`;
  const created = s.value(createPlan);
  const second = s.value(createPlan);
  const full = s.value(fullPlan);
  const wrap = (x: string) => (shape === "object" ? x : `{ value: ${x} }`);
  // A user's own row keeps its identity field, or the test identity would stop matching it.
  const patch =
    shape === "object"
      ? patchValue(second, owner?.field ?? (lookup?.kind === "field" ? lookup.field : undefined))
      : second;
  // Union documents are replaced whole: the internal variant needs a full document, owner included.
  const internalPatch = shape === "object" ? patch : s.value(fullPlan);
  const P = JSON.stringify(c.patchArg);
  return [
    setupCode(
      model,
      table,
      order,
      s,
      order.order.filter((x) => need.has(x)),
      account,
    ),
    `type Ids = Awaited<ReturnType<typeof setup>>["ids"];
// Sample values are cast to the argument types: the schema may narrow a type (e.g. branded strings) beyond its validator.
const createArgs = (ids: Ids) => (${wrap(valueToCode(created, refVar))}) as FunctionArgs<typeof ${c.api}.create>;
const patchArgs = (ids: Ids) => (${valueToCode(patch, refVar)}) as FunctionArgs<typeof ${c.api}.update>[${P}];
const internalArgs = (ids: Ids) => (${wrap(valueToCode(full, refVar))}) as FunctionArgs<typeof ${c.internal}.internalCreate>;
const internalPatchArgs = (ids: Ids) => (${valueToCode(internalPatch, refVar)}) as FunctionArgs<typeof ${c.internal}.internalUpdate>[${P}];`,
    crudTest(c, listByChecks(model, table, c, created, refVar)),
    authTest(c),
    ...(owner ? [ownerTest(c, owner)] : []),
    ...(self ? [selfTest(c)] : []),
    ...(dep ? [dependantTest(c, dep, s.value(pruneRefs(dep.plan, need)), refVar)] : []),
    internalTest(c),
  ].join("\n\n");
}

/** A reference into the table whose remove strategy the tests exercise, and the plan of a dependant document. */
interface DependantCase {
  ref: IncomingRef;
  plan: Plan;
}

function dependantCase(
  model: SchemaModel,
  table: Table,
  options: ResolvedOptions,
  order: InsertionOrder,
): DependantCase | undefined {
  const everything = new Set(order.order);
  // Prefer a reference that uses the configured strategy over one that fell back to "refuse".
  const refs = [...incomingRefs(model, table.name, options)].sort(
    (a, b) => Number(Boolean(a.fallbackReason)) - Number(Boolean(b.fallbackReason)),
  );
  for (const ref of refs) {
    const d = findTable(model, ref.table);
    if (!d || !everything.has(d.name)) continue;
    const plan = planDocument(d, everything, ref.field);
    if (plan) return { ref, plan };
  }
  return undefined;
}

/** Removing a document that a dependant references: refused, cascaded or detached as configured. */
function dependantTest(c: TestCtx, dep: DependantCase, value: SampleValue, refVar: (x: string) => string): string {
  const { t, api } = c;
  const r = dep.ref;
  const D = JSON.stringify(r.table);
  const withRef =
    value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof ArrayBuffer)
      ? { ...value, [r.field]: `${REF_MARK}__removed` }
      : value;
  const code = valueToCode(withRef, (x) => (x === "__removed" ? "id" : refVar(x)));
  // A users table's public remove only takes the caller's own row: go through the trusted variant (same strategy).
  const remove = c.own ? `t.mutation(${c.internal}.internalRemove, { id })` : `alice.mutation(${api}.remove, { id })`;
  const then = {
    refuse: `  await expect(${remove}).rejects.toThrow(/HAS_DEPENDANTS/);
  expect(await alice.query(${api}.get, { id })).not.toBeNull();`,
    cascade: `  await ${remove};
  expect(await t.run((ctx) => ctx.db.get(${D}, dependant))).toBeNull();`,
    detach: `  await ${remove};
  expect(${member(`(await t.run((ctx) => ctx.db.get(${D}, dependant)))!`, r.field)}).toBe(${r.optional ? "undefined" : "null"});`,
  }[r.strategy];
  return `test(${JSON.stringify(`${t}: remove with a dependant through "${r.table}.${r.field}" (${r.strategy})`)}, async () => {
  const { t, ids, alice } = await setup();
  const id = await alice.mutation(${api}.create, createArgs(ids));
  const dependant = await t.run((ctx) => ctx.db.insert(${D}, ${code} as WithoutSystemFields<Doc<${D}>>));
${then}
});`;
}

/** The convex-test file of one table, or a file with a TODO when the table cannot get documents. */
export function generateTestFile(model: SchemaModel, table: Table, options: ResolvedOptions): string {
  const order = insertionOrder(model);
  // Test files stay in convex/ itself: import.meta.glob keys are simplest to resolve from there.
  const root = "./";
  const head = `/// <reference types="vite/client" />
import { convexTest } from "convex-test";
import type { FunctionArgs, WithoutSystemFields } from "convex/server";
import { expect, test } from "vitest";
import { api, internal } from "${root}_generated/api";
import type { Doc } from "${root}_generated/dataModel";
import schema from "${root}schema";

const modules = import.meta.glob("./**/*.*s");
`;
  const unfillable = order.unfillable.find((u) => u.table === table.name);
  if (unfillable || !findTable(model, table.name)) {
    return `${head}
// TODO(schema-assistant): ${unfillable?.reason ?? "unknown table"} The functions cannot be exercised with real documents.
test.todo(${JSON.stringify(`${table.name}: needs a way to insert a first document`)});
void api; void internal; void schema; void modules; void convexTest; void expect;
export type { FunctionArgs, WithoutSystemFields, Doc };
`;
  }
  return `${head}\n${testsBody(model, table, options, order)}\n`;
}
