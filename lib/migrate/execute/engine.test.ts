import { describe, expect, it } from "vitest";
import { planWithRenames } from "../plan";
import { opt, req, schema, table, V } from "../../testing/model";
import type { Doc } from "../validate";
import { MemoryStore, rollbackMigration, runMigration, type MigrationStore, type RunEvent } from ".";

const clock = () => {
  let t = 0;
  return () => ++t;
};

function setup() {
  const from = schema(
    table("users", [req("name", V.string()), opt("age", V.string()), opt("legacy", V.string())]),
    table("posts", [req("title", V.string()), req("author", V.id("users"))]),
    table("old", [req("x", V.number())]),
  );
  const to = schema(
    table("users", [req("fullName", V.string()), req("age", V.number()), req("role", V.string())]),
    table("articles", [req("title", V.string()), req("author", V.id("users"))]),
    table("comments", [req("articleId", V.id("articles")), req("body", V.string())]),
  );
  const store = new MemoryStore();
  const u = store.seed("users", [
    { name: "Ann", age: "41" },
    { name: "Bob", legacy: "x" },
    { name: "Cy", age: "n/a" },
  ]);
  store.seed("posts", [
    { title: "a", author: u[0] },
    { title: "b", author: u[1] },
  ]);
  store.seed("old", [{ x: 1 }]);
  store.seed("comments", []);
  const plan = planWithRenames(
    from,
    to,
    { tables: [{ from: "posts", to: "articles" }], fields: [{ table: "users", from: "name", to: "fullName" }] },
    { defaults: { "users.role": "member", "users.age": 0 } },
  );
  return { from, to, store, plan };
}

describe("runMigration on the in-memory store", () => {
  it("01 runs all phases and leaves every document valid under the target", async () => {
    const { store, plan, to } = setup();
    expect(plan.decisions).toStrictEqual([]);
    const events: RunEvent[] = [];
    const res = await runMigration(plan, store, {
      runId: "r1",
      now: clock(),
      batchSize: 2,
      onEvent: (e) => events.push(e),
    });
    expect(res.status).toBe("done");
    expect(store.schema).toStrictEqual(to);
    const users = store.snapshot().users.map(({ _id, _creationTime, ...rest }) => rest);
    expect(users).toStrictEqual([
      { fullName: "Ann", age: 41, role: "member" },
      { fullName: "Bob", age: 0, role: "member" },
      { fullName: "Cy", age: 0, role: "member" },
    ]);
    const articles = store.snapshot().articles;
    expect(articles.map((a) => a.title)).toStrictEqual(["a", "b"]);
    expect(store.snapshot().posts).toBeUndefined();
    expect(store.snapshot().old).toBeUndefined();
    expect(events.filter((e) => e.type === "backup").map((e) => e.type === "backup" && e.table)).toStrictEqual([
      "old",
      "posts",
      "users",
    ]);
    expect(events.some((e) => e.type === "progress" && e.done === e.total)).toBe(true);
  });

  it("02 rollback restores the data exactly", async () => {
    const { store, plan, from } = setup();
    const before = store.snapshot();
    await runMigration(plan, store, { runId: "r1", now: clock(), batchSize: 2 });
    await rollbackMigration(plan, store, { runId: "r1", now: clock() });
    expect(store.snapshot()).toStrictEqual(before);
    expect(store.schema).toStrictEqual(from);
  });

  it("03 pause and resume, cancel", async () => {
    const { store, plan } = setup();
    let units = 0;
    const paused = await runMigration(plan, store, {
      runId: "r2",
      now: clock(),
      batchSize: 1,
      signal: () => (++units > 3 ? "pause" : "run"),
    });
    expect(paused.status).toBe("paused");
    const resumed = await runMigration(plan, store, { runId: "r2", now: clock(), batchSize: 1 });
    expect(resumed.status).toBe("done");
    const other = setup();
    const cancelled = await runMigration(other.plan, other.store, {
      runId: "r3",
      now: clock(),
      signal: () => "cancel",
    });
    expect(cancelled.status).toBe("cancelled");
  });

  it("04 a crash mid-batch resumes without applying a batch twice", async () => {
    const reference = setup();
    await runMigration(reference.plan, reference.store, { runId: "r", now: clock(), batchSize: 1 });
    for (const when of ["before", "after"] as const) {
      for (let crashAt = 1; crashAt <= 8; crashAt++) {
        const { store, plan } = setup();
        const crashing = crashAfter(store, crashAt, when);
        const first = await runMigration(plan, crashing, { runId: "r", now: clock(), batchSize: 1 });
        expect(first.status).toBe("failed");
        const second = await runMigration(plan, store, { runId: "r", now: clock(), batchSize: 1 });
        expect(second.status).toBe("done");
        expect(store.snapshot()).toStrictEqual(reference.store.snapshot());
      }
    }
  });

  it("05 a failing final push reports Convex's message and can be rolled back", async () => {
    const from = schema(table("t", [opt("x", V.string())]));
    const to = schema(table("t", [req("x", V.string())]));
    const store = new MemoryStore();
    store.seed("t", [{ x: "a" }, {}]);
    const before = store.snapshot();
    // Planned as if the table were full: the decision is open, and running anyway fails at the push.
    const plan = planWithRenames(from, to, {}, { stats: { tables: { t: { count: 2, present: { x: 1 } } } } });
    expect(plan.safe).toBe(false);
    const res = await runMigration(plan, store, { runId: "r", now: clock() });
    expect(res.status).toBe("failed");
    expect(res.error).toContain("Object is missing the required field `x`");
    await rollbackMigration(plan, store, { runId: "r", now: clock() });
    expect(store.snapshot()).toStrictEqual(before);
  });
});

describe("rollback crash points", () => {
  it("09 a crash before or after any undo batch resumes to exactly the data before the run", async () => {
    const reference = setup();
    const before = structuredClone(reference.store.snapshot());
    await runMigration(reference.plan, reference.store, { runId: "r", now: clock(), batchSize: 1 });
    const batches = reference.store.journal.filter((e) => e.type === "batch").length;
    for (const when of ["before", "after"] as const) {
      for (let crashAt = 1; crashAt <= batches; crashAt++) {
        const { store, plan } = setup();
        await runMigration(plan, store, { runId: "r", now: clock(), batchSize: 1 });
        await expect(
          rollbackMigration(plan, crashAfter(store, crashAt, when), { runId: "r", now: clock() }),
        ).rejects.toThrow("crash");
        const { undone } = await rollbackMigration(plan, store, { runId: "r", now: clock() });
        expect(undone).toBe(batches - (when === "after" ? crashAt : crashAt - 1));
        expect(store.snapshot()).toStrictEqual(before);
      }
    }
  });
});

describe("resume guard", () => {
  it("08 refuses to resume a run with a different plan", async () => {
    const { store, plan, from } = setup();
    let n = 0;
    await runMigration(plan, store, {
      runId: "g",
      now: clock(),
      batchSize: 1,
      signal: () => (++n > 2 ? "pause" : "run"),
    });
    const other = planWithRenames(from, schema(table("users", [req("name", V.string())])), {});
    const res = await runMigration(other, store, { runId: "g", now: clock() });
    expect(res.status).toBe("failed");
    expect(res.error).toContain('Run "g" was started with a different plan');
  });
});

describe("table rename", () => {
  it("06 copies documents to new ids and remaps references", async () => {
    const from = schema(
      table("posts", [req("title", V.string())]),
      table("likes", [req("post", V.id("posts")), opt("many", V.array(V.id("posts")))]),
    );
    const to = schema(table("articles", [req("title", V.string())]), table("likes", [req("post", V.id("articles"))]));
    const store = new MemoryStore();
    const [p1, p2] = store.seed("posts", [{ title: "a" }, { title: "b" }]);
    store.seed("likes", [{ post: p2 }, { post: p1 }]);
    const plan = planWithRenames(from, to, { tables: [{ from: "posts", to: "articles" }] });
    const res = await runMigration(plan, store, { runId: "r", now: clock() });
    expect(res).toMatchObject({ status: "done" });
    const snap = store.snapshot();
    const byId = new Map(snap.articles.map((a) => [a._id, a.title]));
    expect(snap.likes.map((l) => byId.get(String(l.post)))).toStrictEqual(["b", "a"]);
  });
});

describe("ids nested in values", () => {
  it("10 remaps ids of a copied table inside arrays, objects and records, and rolls back exactly", async () => {
    const ref = (t: string) => V.id(t);
    const nested = (t: string) => [
      req("post", ref(t)),
      opt("seeAlso", V.array(ref(t))),
      opt(
        "meta",
        V.object(
          { name: "main", validator: ref(t), optional: true },
          { name: "label", validator: V.string(), optional: false },
        ),
      ),
      opt("byPost", { kind: "record" as const, key: ref(t), value: V.number() }),
      opt("either", V.union(V.array(ref(t)), V.string())),
    ];
    const from = schema(table("posts", [req("title", V.string())]), table("likes", nested("posts")));
    const to = schema(table("articles", [req("title", V.string())]), table("likes", nested("articles")));
    const store = new MemoryStore();
    const [p1, p2, p3] = store.seed("posts", [{ title: "a" }, { title: "b" }, { title: "c" }]);
    // The label equals an id on purpose: only values at id positions are remapped.
    store.seed("likes", [
      { post: p1, seeAlso: [p2, p3], meta: { main: p3, label: p2 }, byPost: { [p1]: 1, [p2]: 2 }, either: [p3] },
      { post: p2, either: p1 },
    ]);
    const before = structuredClone(store.snapshot());
    const plan = planWithRenames(from, to, { tables: [{ from: "posts", to: "articles" }] });
    expect(plan.decisions).toStrictEqual([]);
    expect(plan.warnings.join("\n")).toContain(
      'Ids of "posts" inside "likes.seeAlso" (arrays, objects or records) are remapped',
    );
    const res = await runMigration(plan, store, { runId: "n", now: clock(), batchSize: 1 });
    expect(res).toMatchObject({ status: "done" });
    const snap = store.snapshot();
    const title = new Map(snap.articles.map((a) => [String(a._id), a.title]));
    const t = (id: unknown) => title.get(String(id));
    const [l1, l2] = snap.likes;
    expect([
      t(l1.post),
      (l1.seeAlso as string[]).map(t),
      t((l1.meta as Doc).main),
      (l1.meta as Doc).label,
      Object.keys(l1.byPost as Doc).map(t),
      (l1.either as string[]).map(t),
    ]).toStrictEqual(["a", ["b", "c"], "c", p2, ["a", "b"], ["c"]]);
    expect([t(l2.post), l2.either]).toStrictEqual(["b", p1]);
    await rollbackMigration(plan, store, { runId: "n", now: clock() });
    expect(store.snapshot()).toStrictEqual(before);
  });
});

/** A store view that throws on the n-th batch, before or after committing it. */
function crashAfter(store: MigrationStore, n: number, when: "before" | "after"): MigrationStore {
  let calls = 0;
  return {
    listTables: () => store.listTables(),
    count: (t) => store.count(t),
    page: (t, c, l) => store.page(t, c, l),
    appendJournal: (e) => store.appendJournal(e),
    readRunEntries: (r) => store.readRunEntries(r),
    readStepProgress: (r, s) => store.readStepProgress(r, s),
    readBatch: (r, s, b) => store.readBatch(r, s, b),
    readLastUndo: (r) => store.readLastUndo(r),
    readCopiedIds: (r, ids) => store.readCopiedIds(r, ids),
    setSchema: (m) => store.setSchema(m),
    backup: (t) => store.backup(t),
    applyBatch: async (w, m) => {
      if (++calls === n && when === "before") throw new Error("crash");
      const out = await store.applyBatch(w, m);
      if (calls === n) throw new Error("crash");
      return out;
    },
  };
}

describe("dryRunMigration", () => {
  it("07 counts writes per step and changes nothing", async () => {
    const { dryRunMigration } = await import("./dry-run");
    const { store, plan } = setup();
    const before = store.snapshot();
    const r = await dryRunMigration(plan, store, { batchSize: 2 });
    expect(store.snapshot()).toStrictEqual(before);
    expect(store.journal).toStrictEqual([]);
    expect(r.writes.map((w) => [w.stepId.split("/")[2], w.table, w.documents, w.writes])).toStrictEqual([
      ["copyTable", "posts", 2, 2],
      ["backfill", "users", 3, 3],
      ["unsetFields", "users", 3, 3],
      ["deleteTable", "posts", 2, 2],
      ["deleteTable", "old", 1, 1],
    ]);
    expect(r.preflight.ok).toBe(true);
  });
});
