/**
 * Import throughput: a generated pg_dump (users, posts with a self reference, tags, a join table) read, converted
 * and written through the in-memory sink and into a snapshot ZIP. Run: npx tsx bench/import.ts [users]
 * (run through bin/run-ts or `node --import tsx` if `npx tsx` cannot load @mrleebo/prisma-ast's chevrotain).
 */
import { performance } from "node:perf_hooks";
import { importSql, MemorySink, readSqlData, runDataImport, SnapshotSink } from "../lib/import";

const users = Number(process.argv[2] ?? 20000);
const DDL = `
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, created_at timestamptz NOT NULL, settings jsonb);
CREATE TABLE posts (id bigserial PRIMARY KEY, author_id int NOT NULL REFERENCES users(id), reply_to bigint REFERENCES posts(id), title text NOT NULL, tags text[]);
CREATE TABLE tags (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE post_tags (post_id bigint NOT NULL REFERENCES posts(id), tag_id int NOT NULL REFERENCES tags(id), PRIMARY KEY (post_id, tag_id));
`;

function dump(): string {
  const out: string[] = [DDL, "COPY users (id, email, created_at, settings) FROM stdin;"];
  for (let i = 1; i <= users; i++)
    out.push(`${i}\tu${i}@example.com\t2024-01-0${1 + (i % 9)} 10:00:00+00\t{"n": ${i}}`);
  out.push("\\.", "COPY posts (id, author_id, reply_to, title, tags) FROM stdin;");
  for (let i = 1; i <= users * 2; i++)
    out.push(`${i}\t${1 + (i % users)}\t${i > 1 && i % 3 === 0 ? i - 1 : "\\N"}\tPost ${i}\t{a,b}`);
  out.push(
    "\\.",
    "COPY tags (id, name) FROM stdin;",
    "1\tnews",
    "2\ttech",
    "\\.",
    "COPY post_tags (post_id, tag_id) FROM stdin;",
  );
  for (let i = 1; i <= users * 2; i++) out.push(`${i}\t${1 + (i % 2)}`);
  out.push("\\.");
  return out.join("\n");
}

const text = dump();
const rowsTotal = users * 5 + 2;
let t = performance.now();
const result = importSql(text, { legacyIds: true });
const tSchema = performance.now() - t;
t = performance.now();
const rows = readSqlData(result.plan, text);
const tRead = performance.now() - t;
t = performance.now();
const report = await runDataImport(result, rows, new MemorySink(), { batchSize: 500 });
const tMem = performance.now() - t;
const snap = new SnapshotSink({
  tables: result.schema.tables.map((x) => x.name),
  randomBytes: () => crypto.getRandomValues(new Uint8Array(16)) /* the CLI draws from a pool */,
});
t = performance.now();
await runDataImport(result, rows, snap, { batchSize: 500 });
const zip = snap.toZip();
const tZip = performance.now() - t;
const written = report.tables.reduce((s, x) => s + x.written, 0);
// pg_dump --inserts: one INSERT statement per row (the fast constant reader's path).
const inserts = [
  DDL,
  ...Array.from(
    { length: users },
    (_, i) =>
      `INSERT INTO public.users (id, email, created_at, settings) VALUES (${i + 1}, 'u${i + 1}@example.com', '2024-01-01 10:00:00+00', '{"n": ${i}}'::jsonb);`,
  ),
].join("\n");
t = performance.now();
readSqlData(result.plan, inserts);
const tInserts = performance.now() - t;
console.log(
  `rows ${rowsTotal} (${(text.length / 1e6).toFixed(1)} MB dump), written ${written}, problems ${report.problems.length}`,
);
console.log(
  `schema ${tSchema.toFixed(0)} ms | read dump ${tRead.toFixed(0)} ms | import to memory ${tMem.toFixed(0)} ms (${Math.round(written / (tMem / 1000))} rows/s) | import + ZIP ${tZip.toFixed(0)} ms (${(zip.byteLength / 1e6).toFixed(1)} MB) | ${users} INSERT statements read in ${tInserts.toFixed(0)} ms`,
);
