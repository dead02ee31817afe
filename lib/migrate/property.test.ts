/** Property tests: random schema pairs and documents → plan → run, rollback and crash/resume on the memory store. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Field, SchemaModel, Table, Validator } from "../schema/model";
import { MemoryStore, rollbackMigration, runMigration, type MigrationStore } from "./execute";
import { planWithRenames } from "./plan";
import { resolveRenames } from "./renames";
import { schema, V } from "../testing/model";
import { validateDocument, type Doc } from "./validate";

const FIELD_NAMES = ["name", "fullName", "title", "titleText", "count", "total", "flag", "tags"];
const TABLE_NAMES = ["users", "people", "posts", "notes"];

const validatorArb: fc.Arbitrary<Validator> = fc.oneof(
  fc.constant(V.string()),
  fc.constant(V.number()),
  fc.constant(V.boolean()),
  fc.constant(V.int64()),
  fc.constant(V.union(V.string(), V.null())),
  fc.constant(V.union(V.literal("a"), V.literal("b"))),
  fc.constant(V.array(V.number())),
  fc.constant(V.object({ name: "k", validator: V.string(), optional: true })),
);

const fieldsArb: fc.Arbitrary<Field[]> = fc
  .uniqueArray(fc.constantFrom(...FIELD_NAMES), { maxLength: 4 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name) => fc.record({ name: fc.constant(name), validator: validatorArb, optional: fc.boolean() })),
    ),
  )
  .map((fs) => [...fs]);

const schemaArb: fc.Arbitrary<SchemaModel> = fc
  .uniqueArray(fc.constantFrom(...TABLE_NAMES), { minLength: 1, maxLength: 3 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name) =>
        fieldsArb.map((fields): Table => ({ name, fields, indexes: [], searchIndexes: [], vectorIndexes: [] })),
      ),
    ),
  )
  .map((tables) => schema(...tables));

/** A value valid under `v` (drawn at random). */
function valueArb(v: Validator): fc.Arbitrary<unknown> {
  switch (v.kind) {
    case "string":
      return fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -5, max: 5 }).map(String));
    case "number":
      return fc.integer({ min: -100, max: 100 });
    case "boolean":
      return fc.boolean();
    case "int64":
      return fc.bigInt({ min: -10n, max: 10n });
    case "null":
      return fc.constant(null);
    case "literal":
      return fc.constant(v.value);
    case "array":
      return fc.array(valueArb(v.element), { maxLength: 3 });
    case "union":
      return fc.oneof(...v.members.map(valueArb));
    case "object":
      return fc.constant({ k: "v" });
    default:
      return fc.constant("x");
  }
}

const docArb = (t: Table): fc.Arbitrary<Doc> =>
  fc
    .tuple(
      ...t.fields.map((f) =>
        f.optional ? fc.option(valueArb(f.validator), { nil: undefined }) : valueArb(f.validator),
      ),
    )
    .map((values) => {
      const d: Doc = {};
      t.fields.forEach((f, i) => {
        if (values[i] !== undefined) d[f.name] = values[i];
      });
      return d;
    });

const dataArb = (s: SchemaModel) => fc.tuple(...s.tables.map((t) => fc.array(docArb(t), { maxLength: 6 })));

/** A deterministic value for every field of the target, used as the chosen default. */
function sample(v: Validator): unknown {
  switch (v.kind) {
    case "string":
      return "";
    case "number":
      return 0;
    case "boolean":
      return false;
    case "int64":
      return 0n;
    case "null":
      return null;
    case "literal":
      return v.value;
    case "array":
      return [];
    case "union":
      return sample(v.members[0]);
    case "object":
      return {};
    default:
      return "x";
  }
}

const defaultsFor = (to: SchemaModel) =>
  Object.fromEntries(to.tables.flatMap((t) => t.fields.map((f) => [`${t.name}.${f.name}`, sample(f.validator)])));

const scenarioArb = fc
  .record({ from: schemaArb, to: schemaArb, answers: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }) })
  .chain((s) => dataArb(s.from).map((data) => ({ ...s, data })));

interface Scenario {
  from: SchemaModel;
  to: SchemaModel;
  answers: boolean[];
  data: Doc[][];
}

async function prepare(s: Scenario) {
  let i = 0;
  const renames = await resolveRenames(s.from, s.to, () => (s.answers[i++ % s.answers.length] ? "rename" : "addDrop"));
  const plan = planWithRenames(s.from, s.to, renames, { defaults: defaultsFor(s.to) });
  const store = new MemoryStore();
  s.from.tables.forEach((t, k) => store.seed(t.name, s.data[k]));
  await store.setSchema(s.from);
  return { plan, store };
}

let tick = 0;
const now = () => ++tick;

describe("property: plan → run → valid, rollback → identical, crash → resume", () => {
  it("every document is valid under the target after the run", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const { plan, store } = await prepare(s);
        expect(plan.decisions).toStrictEqual([]);
        const res = await runMigration(plan, store, { runId: "p", now, batchSize: 2 });
        expect(res.error).toBeUndefined();
        expect(res.status).toBe("done");
        for (const [table, docs] of Object.entries(store.snapshot())) {
          for (const d of docs) expect(validateDocument(s.to, table, d)).toStrictEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("rollback restores the starting data exactly", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const { plan, store } = await prepare(s);
        const before = store.snapshot();
        await runMigration(plan, store, { runId: "p", now, batchSize: 2 });
        await rollbackMigration(plan, store, { runId: "p", now });
        expect(store.snapshot()).toStrictEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it("a crash at a random batch, then resume, ends like an uninterrupted run", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.integer({ min: 1, max: 30 }), fc.boolean(), async (s, crashAt, afterCommit) => {
        const ref = await prepare(s);
        await runMigration(ref.plan, ref.store, { runId: "p", now, batchSize: 2 });
        const { plan, store } = await prepare(s);
        const crashing = crashingStore(store, crashAt, afterCommit);
        await runMigration(plan, crashing, { runId: "p", now, batchSize: 2 });
        const resumed = await runMigration(plan, store, { runId: "p", now, batchSize: 2 });
        expect(resumed.status).toBe("done");
        expect(store.snapshot()).toStrictEqual(ref.store.snapshot());
      }),
      { numRuns: 100 },
    );
  });
});

function crashingStore(store: MigrationStore, n: number, afterCommit: boolean): MigrationStore {
  let calls = 0;
  const view: MigrationStore = Object.create(store);
  view.applyBatch = async (w, m) => {
    calls++;
    if (calls === n && !afterCommit) throw new Error("crash");
    const out = await store.applyBatch(w, m);
    if (calls === n) throw new Error("crash");
    return out;
  };
  return view;
}
