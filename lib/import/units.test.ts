/** Unit tests of the pieces: value conversion, SQL splitting, CSV/JSONL reading, Convex ids, the snapshot ZIP. */
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { splitSql } from "./sql";
import { parsePgArray, parseTimestamp, convertValue } from "./data/values";
import { splitCopyLine } from "./data/sources";
import {
  decodeConvexIdTable,
  encodeConvexId,
  exportJson,
  FIRST_TABLE_NUMBER,
  importSql,
  readCsv,
  readJsonl,
  runDataImport,
  SnapshotSink,
} from "./index";

describe("values", () => {
  test("timestamps in PostgreSQL and ISO forms", () => {
    expect(parseTimestamp("2024-01-02 03:04:05+00")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseTimestamp("2024-01-02 03:04:05.123456-05:30")).toBe(Date.UTC(2024, 0, 2, 8, 34, 5, 123));
    expect(parseTimestamp("2024-01-02T03:04:05Z")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseTimestamp("2024-01-02")).toBe(Date.UTC(2024, 0, 2));
    expect(() => parseTimestamp("yesterday")).toThrow('"yesterday" is not a timestamp');
  });
  test("arrays, booleans, int64, bytes, enums", () => {
    expect(parsePgArray('{a,"b c",NULL,"q\\"x"}')).toEqual(["a", "b c", null, 'q"x']);
    expect(parsePgArray("{{1,2},{3,4}}")).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(convertValue({ kind: "array", element: { kind: "number" } }, "{1,2.5}")).toEqual([1, 2.5]);
    expect(convertValue({ kind: "boolean" }, "t")).toBe(true);
    expect(convertValue({ kind: "int64" }, "9007199254740993")).toBe(9007199254740993n);
    expect(new Uint8Array(convertValue({ kind: "bytes" }, "\\x00ff") as ArrayBuffer)).toEqual(new Uint8Array([0, 255]));
    expect(convertValue({ kind: "enum", values: { pro: "PRO" } }, "pro")).toBe("PRO");
    expect(convertValue({ kind: "enum", values: { pro: "PRO" } }, "PRO")).toBe("PRO");
    expect(new Uint8Array(convertValue({ kind: "bytes" }, { type: "Buffer", data: [1, 2] }) as ArrayBuffer)).toEqual(
      new Uint8Array([1, 2]),
    );
    expect(() => convertValue({ kind: "enum", values: { pro: "PRO" } }, "gold")).toThrow('"gold" is not one of "pro"');
    expect(convertValue({ kind: "decimal", as: "string" }, "12.30")).toBe("12.30");
    expect(() => convertValue({ kind: "json" }, '{"$ref": 1}')).toThrow('JSON key "$ref"');
  });
  test("COPY text escapes", () => {
    expect(splitCopyLine("1\ta\\tb\t\\N\tx\\\\y\t\\101")).toEqual(["1", "a\tb", null, "x\\y", "A"]);
  });
});

describe("splitSql", () => {
  test("keeps quoted semicolons, dollar quotes and comments, and reads COPY data", () => {
    const sql =
      "SET a = 1;\n-- c; d\nCREATE FUNCTION f() AS $x$ select 1; $x$;\nINSERT INTO t VALUES ('a;b', E'c\\';d');\nCOPY t (a) FROM stdin;\nx;y\n\\.\nSELECT 1;";
    const s = splitSql(sql);
    expect(s.map((x) => x.line)).toEqual([1, 3, 4, 5, 8]);
    expect(s[1].text).toContain("$x$ select 1; $x$");
    expect(s[2].text).toBe("INSERT INTO t VALUES ('a;b', E'c\\';d')");
    expect(s[3].copy).toEqual({ lines: ["x;y"], firstLine: 6 });
    expect(s[4].text).toBe("SELECT 1");
  });
  test("unsupported statements are listed with their line", () => {
    const r = importSql(
      "CREATE TABLE a (id int PRIMARY KEY);\n\nCREATE POLICY p ON a USING (true);\nCREATE TABLE b (x weird_type);",
    );
    expect(r.diagnostics.filter((d) => d.severity === "warning").map((d) => `${d.loc?.line} ${d.code}`)).toEqual([
      "3 IMP-UNSUPPORTED",
      "4 IMP-UNSUPPORTED-TYPE",
    ]);
  });
});

describe("CSV and JSON Lines", () => {
  const schema = importSql(
    "CREATE TABLE users (id int PRIMARY KEY, name text, active boolean NOT NULL);\nCREATE TABLE notes (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users(id), body text NOT NULL);",
    { legacyIds: true },
  );
  test("reads both, matches tables by file name and reports bad lines", async () => {
    const set = readCsv(schema.plan, "users", 'id,name,active\n1,"Ada, Countess",true\n2,,false\n', "users.csv");
    readJsonl(
      schema.plan,
      "notes",
      '{"id": 1, "user_id": 2, "body": "hi"}\nnot json\n{"id": 3, "userId": 1, "body": "field names work too"}\n',
      "notes.jsonl",
      set,
    );
    const sink = new (await import("./data/memory-sink")).MemorySink();
    const report = await runDataImport(schema, set, sink);
    expect(report.problems.map((p) => `${p.file}:${p.line} ${p.code}`)).toEqual(["notes.jsonl:2 DATA-UNREADABLE"]);
    const users = [...sink.tables.get("users")!.values()];
    expect(users).toEqual([
      { name: "Ada, Countess", active: true, legacyId: 1 },
      { active: false, legacyId: 2 },
    ]);
    const notes = [...sink.tables.get("notes")!.values()];
    expect(notes.map((n) => sink.get(String(n.userId))!.legacyId)).toEqual([2, 1]);
  });
});

describe("Convex ids and the snapshot ZIP", () => {
  test("ids decode like the backend's (real id from convex-backend sources) and round trip", () => {
    expect(decodeConvexIdTable("kg27rxfv99gzp01wmph0gvt92d6hnvy6")).toBeTypeOf("number");
    expect(decodeConvexIdTable("kg27rxfv99gzp01wmph0gvt92d6hnvy7")).toBeUndefined();
    const id = encodeConvexId(10001, new Uint8Array(16).fill(7));
    expect(id).toHaveLength(32);
    expect(decodeConvexIdTable(id)).toBe(10001);
    expect(decodeConvexIdTable(encodeConvexId(300_000, new Uint8Array(16)))).toBe(300_000);
  });
  test("export JSON keeps floats, int64 and bytes apart", () => {
    expect(exportJson({ a: 3, b: 2.5, c: 3n, d: new Uint8Array([1, 2]).buffer, e: [Infinity], f: null })).toBe(
      '{"a":3.0,"b":2.5,"c":3,"d":{"$bytes":"AQI="},"e":[{"$float":"AAAAAAAA8H8="}],"f":null}',
    );
  });
  test("documents carry ids of their table number and references point at the right table", async () => {
    const schema = importSql(
      "CREATE TABLE a (id int PRIMARY KEY, n int);\nCREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a(id), self_id int REFERENCES b(id));",
      { legacyIds: true },
    );
    let counter = 0;
    const sink = new SnapshotSink({
      tables: schema.schema.tables.map((t) => t.name),
      randomBytes: () => new Uint8Array(16).fill(++counter),
    });
    const rows = {
      rows: new Map([
        ["a", [{ values: { id: "1", n: "5" } }]],
        ["b", [{ values: { id: "1", a_id: "1", self_id: "2" } }, { values: { id: "2", a_id: null, self_id: "1" } }]],
      ]),
      diagnostics: [],
    };
    await runDataImport(schema, rows, sink);
    const files = unzipSync(sink.toZip());
    expect(Object.keys(files).sort()).toEqual([
      "_tables/documents.jsonl",
      "a/documents.jsonl",
      "a/generated_schema.jsonl",
      "b/documents.jsonl",
      "b/generated_schema.jsonl",
    ]);
    expect(strFromU8(files["_tables/documents.jsonl"])).toBe(
      `{"name":"a","id":${FIRST_TABLE_NUMBER}}\n{"name":"b","id":${FIRST_TABLE_NUMBER + 1}}\n`,
    );
    const a = strFromU8(files["a/documents.jsonl"])
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const b = strFromU8(files["b/documents.jsonl"])
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(strFromU8(files["a/documents.jsonl"])).toContain('"n":5.0');
    expect(decodeConvexIdTable(a[0]._id)).toBe(FIRST_TABLE_NUMBER);
    expect(b.map((d) => decodeConvexIdTable(d._id))).toEqual([FIRST_TABLE_NUMBER + 1, FIRST_TABLE_NUMBER + 1]);
    expect(b[0].aId).toBe(a[0]._id);
    expect(b[0].selfId).toBe(b[1]._id);
    expect(b[1].selfId).toBe(b[0]._id);
  });
});

describe("naming", () => {
  test("Convex names, clashes and the visible mapping", () => {
    const r = importSql(
      'CREATE TABLE "Person" (id int PRIMARY KEY, "First_Name" text);\nCREATE TABLE person (id int PRIMARY KEY, _secret text);',
    );
    expect(r.schema.tables.map((t) => t.name)).toEqual(["person", "person2"]);
    expect(r.diagnostics.find((d) => d.code === "IMP-NAME-CLASH")?.message).toBe(
      'Table "person" would be named "person", which is taken; it is named "person2".',
    );
    expect(r.schema.tables[0].fields[0]).toMatchObject({
      name: "firstName",
      description: 'Imported from column "First_Name".',
    });
    expect(r.schema.tables[1].fields[0].name).toBe("secret");
  });
});

describe("Prisma details seen in real schemas", () => {
  test("empty list defaults, GIN indexes, @id @unique, optional one-to-one", async () => {
    const { importPrisma } = await import("./index");
    const r = importPrisma(`
model Portal {
  id      String   @id @unique @default(cuid())
  domains String[] @default([])
  email   String
  org     Org?
  @@index([email(ops: raw("gin_trgm_ops"))], map: "Portal_email_trgm_idx", type: Gin)
  @@index([email], type: Hash)
}
model Org {
  id       Int     @id
  portalId String  @unique
  portal   Portal  @relation(fields: [portalId], references: [id])
}`);
    expect(r.ok).toBe(true);
    const portal = r.schema.tables.find((t) => t.name === "portals")!;
    expect(portal.indexes.map((i) => i.name)).toEqual(["by_email"]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["IMP-INDEX-METHOD", "IMP-INDEX-SKIPPED"]));
    expect(r.diagnostics.find((d) => d.code === "IMP-DEFAULT" && d.path === "portals.domains")?.message).toContain(
      "default []",
    );
    expect(r.schema.tables.find((t) => t.name === "orgs")!.indexes).toEqual([
      expect.objectContaining({ name: "by_portalId", fields: ["portalId"] }),
    ]);
  });
});

describe("defaults as code", () => {
  test("SQL and Prisma defaults become expressions; database-only ones do not", async () => {
    const { defaultToCode } = await import("./defaults");
    const col = (conversion: import("./plan").Conversion, def: string) => ({
      source: "c",
      field: "c",
      validator: { kind: "any" as const },
      conversion,
      nullable: false,
      default: def,
    });
    expect(defaultToCode(col({ kind: "timestamp" }, "now()"))).toBe("Date.now()");
    expect(defaultToCode(col({ kind: "string" }, "'it''s'::text"))).toBe('"it\'s"');
    expect(defaultToCode(col({ kind: "string" }, '"gpt-4o-mini"'))).toBe('"gpt-4o-mini"');
    expect(defaultToCode(col({ kind: "int64" }, "42"))).toBe("42n");
    expect(defaultToCode(col({ kind: "json" }, "'{\"a\": 1}'::jsonb"))).toBe('{"a":1}');
    expect(defaultToCode(col({ kind: "array", element: { kind: "enum", values: { USER: "USER" } } }, "[USER]"))).toBe(
      '["USER"]',
    );
    expect(defaultToCode(col({ kind: "enum", values: { pro: "PRO" } }, "'pro'::plan_tier"))).toBe('"PRO"');
    expect(defaultToCode(col({ kind: "string" }, "cuid()"))).toBeUndefined();
    expect(defaultToCode(col({ kind: "number" }, "nextval('s'::regclass)"))).toBeUndefined();
  });
});

describe("JSON shape inference", () => {
  test("objects merge with optional fields, arrays merge elements, mixed kinds become unions", async () => {
    const { inferValidator } = await import("./data/infer");
    const { validatorToCode } = await import("../schema/model");
    const v = inferValidator([
      { theme: "dark", beta: true },
      { theme: "light" },
      { theme: "dark", langs: ["c", "git"] },
    ])!;
    expect(validatorToCode(v)).toBe(
      "v.object({ theme: v.string(), beta: v.optional(v.boolean()), langs: v.optional(v.array(v.string())) })",
    );
    expect(validatorToCode(inferValidator([1, "a", null])!)).toBe("v.union(v.number(), v.string(), v.null())");
    expect(validatorToCode(inferValidator([[], [{ a: 1 }]])!)).toBe("v.array(v.object({ a: v.number() }))");
    const wide = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    expect(validatorToCode(inferValidator([wide])!)).toBe("v.record(v.string(), v.number())");
    expect(inferValidator([])).toBeUndefined();
  });
});

describe("fast INSERT reader", () => {
  test("reads pg_dump constants and leaves everything else to the SQL parser", async () => {
    const { parseFastInsert } = await import("./data/insert-fast");
    expect(
      parseFastInsert(
        `INSERT INTO public."Users" ("id", name, at, ok, n, tags) VALUES (1, 'it''s', '2024-01-01 00:00:00+00'::timestamp with time zone, true, -1.5e3, '{a,b}'::text[]), (2, E'a\\tb', NULL, FALSE, .5, '{}')`,
      ),
    ).toEqual({
      table: "Users",
      columns: ["id", "name", "at", "ok", "n", "tags"],
      tuples: [
        ["1", "it's", "2024-01-01 00:00:00+00", "t", "-1.5e3", "{a,b}"],
        ["2", "a\tb", null, "f", ".5", "{}"],
      ],
    });
    expect(parseFastInsert("INSERT INTO t VALUES (1, now())")).toBeUndefined();
    expect(parseFastInsert("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING")).toBeUndefined();
    expect(parseFastInsert("INSERT INTO t SELECT * FROM u")).toBeUndefined();
    expect(parseFastInsert("INSERT INTO t (a) VALUES ('unterminated)")).toBeUndefined();
  });
});

describe("Prisma composite types (MongoDB)", () => {
  test("type blocks become nested objects, lists of them arrays", async () => {
    const { importPrisma } = await import("./index");
    const { validatorToCode } = await import("../schema/model");
    const r = importPrisma(`
datasource db {
  provider = "mongodb"
  url      = env("DATABASE_URL")
}
type Address {
  street String
  zip    String?
  geo    Geo?
}
type Geo {
  lat Float
  lng Float
}
model User {
  id        String    @id @default(auto()) @map("_id") @db.ObjectId
  address   Address
  previous  Address[]
  friendIds String[]  @db.ObjectId
}`);
    expect(r.ok).toBe(true);
    const user = r.schema.tables.find((t) => t.name === "users")!;
    expect(user.fields.map((f) => `${f.name}: ${validatorToCode(f.validator)}`)).toEqual([
      "address: v.object({ street: v.string(), zip: v.optional(v.string()), geo: v.optional(v.object({ lat: v.number(), lng: v.number() })) })",
      "previous: v.array(v.object({ street: v.string(), zip: v.optional(v.string()), geo: v.optional(v.object({ lat: v.number(), lng: v.number() })) }))",
      "friendIds: v.array(v.string())",
    ]);
  });
});

test("composite type values convert field by field", () => {
  const conv = {
    kind: "object" as const,
    fields: { at: { kind: "timestamp" as const }, n: { kind: "int64" as const } },
  };
  expect(
    convertValue(conv, '{"at": "2024-01-02T00:00:00Z", "n": "5", "gone": null}'.replace(', "gone": null', "")),
  ).toEqual({ at: Date.UTC(2024, 0, 2), n: 5n });
  expect(() => convertValue(conv, { at: "soon" })).toThrow('field "at": "soon" is not a timestamp');
  expect(() => convertValue(conv, { other: 1 })).toThrow('field "other" is not in the type');
});

test("columns a data file lacks take their defaults (the clock is injected)", async () => {
  const { importPrisma, readCsv, runDataImport, MemorySink } = await import("./index");
  const r = importPrisma(
    `model Note {
  id        Int      @id
  body      String
  pinned    Boolean  @default(false)
  createdAt DateTime @default(now())
  rank      BigInt   @default(7)
  slug      String   @default(cuid())
}`,
    { legacyIds: true },
  );
  const set = readCsv(r.plan, "Note", "id,body\n1,hello\n", "Note.csv");
  const sink = new MemorySink();
  const report = await runDataImport(r, set, sink, { now: () => 1_700_000_000_000 });
  expect(report.problems.map((p) => p.message)).toEqual(['column "slug" is NULL but "notes.slug" is required']);
  const set2 = readCsv(r.plan, "Note", "id,body,slug\n1,hello,a-1\n", "Note.csv");
  await runDataImport(r, set2, sink, { now: () => 1_700_000_000_000 });
  expect([...sink.tables.get("notes")!.values()]).toEqual([
    { body: "hello", pinned: false, createdAt: 1_700_000_000_000, rank: 7n, slug: "a-1", legacyId: 1 },
  ]);
});
