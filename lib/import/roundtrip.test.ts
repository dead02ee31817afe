/**
 * Round trips on generated data: every readable row arrives exactly once, every reference resolves to the document
 * made from the referenced row (followed through the in-memory sink), cycles are patched, broken rows are reported
 * and never written, and a run that fails midway resumes from its checkpoint without duplicates.
 */
import { describe, expect, test } from "vitest";
import {
  importPrisma,
  importSql,
  MemorySink,
  runDataImport,
  type Checkpoint,
  type RowSet,
  type SourceRow,
} from "./index";

const DDL = `
CREATE TABLE teams (id int PRIMARY KEY, name text NOT NULL, owner_id int);
CREATE TABLE users (id int PRIMARY KEY, team_id int NOT NULL REFERENCES teams(id), email text NOT NULL UNIQUE, manager_id int REFERENCES users(id));
ALTER TABLE teams ADD CONSTRAINT teams_owner FOREIGN KEY (owner_id) REFERENCES users(id);
CREATE TABLE posts (id bigint PRIMARY KEY, author_id int NOT NULL REFERENCES users(id), title text NOT NULL, score numeric);
CREATE TABLE tags (slug text PRIMARY KEY, label text NOT NULL);
CREATE TABLE post_tags (post_id bigint NOT NULL REFERENCES posts(id), tag_slug text NOT NULL REFERENCES tags(slug), PRIMARY KEY (post_id, tag_slug));
`;

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(seed: number, n: number): RowSet {
  const r = rng(seed);
  const pick = (k: number) => Math.floor(r() * k);
  const rows = new Map<string, SourceRow[]>();
  const add = (t: string, values: SourceRow["values"]) => rows.set(t, [...(rows.get(t) ?? []), { values }]);
  const teams = Math.max(2, Math.floor(n / 10));
  for (let i = 1; i <= teams; i++)
    add("teams", { id: String(i), name: `team ${i}`, owner_id: r() < 0.8 ? String(1 + pick(n)) : null });
  // Managers point anywhere, including later rows: the self reference is patched in pass 2.
  for (let i = 1; i <= n; i++)
    add("users", {
      id: String(i),
      team_id: String(1 + pick(teams)),
      email: `u${i}@x.io`,
      manager_id: r() < 0.6 ? String(1 + pick(n)) : null,
    });
  for (let i = 1; i <= n * 2; i++)
    add("posts", {
      id: String(10_000_000_000 + i),
      author_id: String(1 + pick(n)),
      title: `post ${i}`,
      score: r() < 0.5 ? (r() * 100).toFixed(2) : null,
    });
  const slugs = ["a", "b", "c", "d", "e"];
  for (const s of slugs) add("tags", { slug: s, label: s.toUpperCase() });
  const seen = new Set<string>();
  for (let i = 0; i < n * 3; i++) {
    const p = String(10_000_000_001 + pick(n * 2));
    const s = slugs[pick(slugs.length)];
    if (seen.has(p + s)) continue;
    seen.add(p + s);
    add("post_tags", { post_id: p, tag_slug: s });
  }
  return { rows, diagnostics: [] };
}

/** Checks that every reference of every written document points to the document made from the referenced row. */
function checkReferences(sink: MemorySink, set: RowSet): void {
  const byLegacy = new Map<string, string>();
  for (const [table, docs] of sink.tables)
    for (const [id, d] of docs) if (d.legacyId !== undefined) byLegacy.set(`${table}:${String(d.legacyId)}`, id);
  const users = [...sink.tables.get("users")!.values()];
  for (const u of users) {
    const src = set.rows.get("users")!.find((r) => r.values.id === String(u.legacyId))!;
    expect(sink.get(String(u.teamId))!.legacyId).toBe(Number(src.values.team_id));
    if (src.values.manager_id === null) expect(u.managerId).toBeUndefined();
    else expect(sink.get(String(u.managerId))!.legacyId).toBe(Number(src.values.manager_id));
  }
  for (const t of sink.tables.get("teams")!.values()) {
    const src = set.rows.get("teams")!.find((r) => r.values.id === String(t.legacyId))!;
    if (src.values.owner_id === null) expect(t.ownerId).toBeUndefined();
    else expect(sink.get(String(t.ownerId))!.legacyId).toBe(Number(src.values.owner_id));
  }
  for (const p of sink.tables.get("posts")!.values()) {
    const src = set.rows.get("posts")!.find((r) => r.values.id === String(p.legacyId))!;
    expect(sink.get(String(p.authorId))!.legacyId).toBe(Number(src.values.author_id));
  }
  for (const pt of sink.tables.get("postTags")!.values()) {
    const post = sink.get(String(pt.postId))!;
    const tag = sink.get(String(pt.tagSlug))!;
    const matches = set.rows
      .get("post_tags")!
      .filter((r) => r.values.post_id === String(post.legacyId) && r.values.tag_slug === tag.legacyId);
    expect(matches).toHaveLength(1);
  }
  expect(byLegacy.size).toBeGreaterThan(0);
}

describe("data round trip", () => {
  const schema = importSql(DDL, { legacyIds: true });

  test("the schema defers the cycle and the self reference", () => {
    expect(schema.ok).toBe(true);
    const teams = schema.plan.tables.find((t) => t.source === "teams")!;
    const users = schema.plan.tables.find((t) => t.source === "users")!;
    expect(teams.foreignKeys[0]).toMatchObject({ field: "ownerId", deferred: true, optional: true });
    expect(users.foreignKeys.find((f) => f.field === "teamId")).toMatchObject({ optional: false });
    expect(users.foreignKeys.find((f) => f.field === "teamId")!.deferred).toBeUndefined();
    expect(users.foreignKeys.find((f) => f.field === "managerId")).toMatchObject({ deferred: true });
  });

  for (const [seed, n, batch] of [
    [1, 40, 7],
    [2, 200, 100],
    [3, 15, 1],
  ] as const) {
    test(`seed ${seed}: ${n} users, batches of ${batch}`, async () => {
      const set = generate(seed, n);
      const sink = new MemorySink();
      const report = await runDataImport(schema, set, sink, { batchSize: batch });
      expect(report.problems).toEqual([]);
      for (const [source, rows] of set.rows) {
        const counts = report.tables.find((t) => t.source === source)!;
        expect(counts).toMatchObject({ read: rows.length, written: rows.length, skipped: 0 });
        expect(sink.tables.get(counts.table)!.size).toBe(rows.length);
      }
      checkReferences(sink, set);
      expect(typeof [...sink.tables.get("posts")!.values()][0].legacyId).toBe("bigint");
    });
  }

  test("broken rows are reported with table and key and never written", async () => {
    const set = generate(4, 30);
    const users = set.rows.get("users")!;
    users[3].values.team_id = "999"; // required reference to nothing
    users[4].values.email = users[5].values.email; // duplicate unique (row 5 is the duplicate)
    users[6].values.team_id = null; // required reference NULL
    users[7].values.manager_id = "4242"; // optional reference to nothing: written, reference unset
    set.rows.get("posts")![0].values.score = "twelve";
    set.rows.get("posts")![1] = { values: {}, error: "has 2 fields, expected 4", line: 9 };
    const sink = new MemorySink();
    const report = await runDataImport(schema, set, sink);
    const codes = report.problems.map((p) => `${p.code} ${p.table} ${p.key} ${p.skipped}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "DATA-MISSING-REF users 4 true",
        "DATA-DUPLICATE users 6 true",
        "DATA-MISSING-REF users 7 true",
        "DATA-DANGLING users 8 false",
        "DATA-CONVERT posts 10000000001 true",
        "DATA-UNREADABLE posts #2 true",
      ]),
    );
    const written = [...sink.tables.get("users")!.values()];
    expect(written.map((u) => u.legacyId)).not.toContain(4);
    expect(written.find((u) => u.legacyId === 8)!.managerId).toBeUndefined();
    // Posts by skipped users are skipped too (their author never got an id), and say so.
    const skippedUsers = new Set(["4", "6", "7"]);
    const orphanPosts = set.rows.get("posts")!.filter((p) => skippedUsers.has(String(p.values.author_id)));
    for (const p of orphanPosts)
      expect(report.problems.some((x) => x.table === "posts" && x.key === p.values.id)).toBe(true);
    const counts = report.tables.find((t) => t.table === "users")!;
    expect(counts.written + counts.skipped).toBe(counts.read);
    expect(sink.tables.get("users")!.size).toBe(counts.written);
  });

  test("a run that fails midway resumes from its checkpoint without duplicates", async () => {
    const set = generate(5, 60);
    const sink = new MemorySink();
    sink.failOnInsertCall = 9;
    const idMap = new Map<string, string>();
    let last: Checkpoint | undefined;
    await expect(
      runDataImport(schema, set, sink, { batchSize: 10, idMap, onCheckpoint: (c) => void (last = c) }),
    ).rejects.toThrow("insert call 9 failed");
    expect(last).toBeDefined();
    sink.failOnInsertCall = undefined;
    const report = await runDataImport(schema, set, sink, { batchSize: 10, idMap, resume: last });
    expect(report.problems).toEqual([]);
    for (const [source, rows] of set.rows) {
      const table = schema.plan.tables.find((t) => t.source === source)!.name;
      expect(sink.tables.get(table)!.size).toBe(rows.length);
    }
    checkReferences(sink, set);
  });

  test("a required reference cycle in Prisma becomes optional with a warning, and the data is patched", async () => {
    const result = importPrisma(
      `
model Company {
  id    Int    @id
  ceo   Person @relation("Ceo", fields: [ceoId], references: [id])
  ceoId Int    @unique
  staff Person[] @relation("Staff")
}
model Person {
  id        Int      @id
  company   Company  @relation("Staff", fields: [companyId], references: [id])
  companyId Int
  leads     Company? @relation("Ceo")
}
`,
      { legacyIds: true },
    );
    expect(result.ok).toBe(true);
    const forced = result.diagnostics.filter((d) => d.code === "IMP-CYCLE-OPTIONAL");
    expect(forced).toHaveLength(1);
    const rows: RowSet = {
      rows: new Map([
        ["Company", [{ values: { id: 1, ceoId: 7 } }]],
        ["Person", [{ values: { id: 7, companyId: 1 } }, { values: { id: 8, companyId: 1 } }]],
      ]),
      diagnostics: [],
    };
    const sink = new MemorySink();
    const report = await runDataImport(result, rows, sink);
    expect(report.problems).toEqual([]);
    const company = [...sink.tables.get("companies")!.values()][0];
    expect(sink.get(String(company.ceoId))!.legacyId).toBe(7);
    for (const p of sink.tables.get("people")!.values()) expect(sink.get(String(p.companyId))).toBe(company);
  });
});

describe("rows the target refuses", () => {
  const schema = importSql("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, tags text[]);", {
    legacyIds: true,
  });
  test("a refused batch is retried row by row; only the refused row is skipped", async () => {
    const rows: RowSet = {
      rows: new Map([
        [
          "items",
          Array.from({ length: 10 }, (_, i) => ({
            values: { id: String(i + 1), name: i === 6 ? "forbidden" : `item ${i + 1}`, tags: "{}" },
            line: i + 2,
          })),
        ],
      ]),
      diagnostics: [],
    };
    const sink = new MemorySink();
    sink.reject = (_t, d) => (d.name === "forbidden" ? 'Value does not match validator: "forbidden"' : undefined);
    const report = await runDataImport(schema, rows, sink, { batchSize: 4 });
    expect(report.problems).toEqual([
      expect.objectContaining({ code: "DATA-REJECTED", table: "items", key: "7", line: 8, skipped: true }),
    ]);
    expect(report.tables[0]).toMatchObject({ read: 10, written: 9, skipped: 1 });
    expect([...sink.tables.get("items")!.values()].map((d) => d.legacyId)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10]);
  });
  test("documents over Convex limits are reported before they are sent", async () => {
    const big = `{${Array.from({ length: 9000 }, (_, i) => `t${i}`).join(",")}}`;
    const rows: RowSet = {
      rows: new Map([
        ["items", [{ values: { id: "1", name: "ok", tags: "{a}" } }, { values: { id: "2", name: "big", tags: big } }]],
      ]),
      diagnostics: [],
    };
    const sink = new MemorySink();
    const report = await runDataImport(schema, rows, sink);
    expect(report.problems.map((p) => `${p.code} ${p.key} ${p.message}`)).toEqual([
      'DATA-LIMIT 2 array "tags" has 9000 elements (Convex allows 8192)',
    ]);
    expect(sink.tables.get("items")!.size).toBe(1);
  });
});
