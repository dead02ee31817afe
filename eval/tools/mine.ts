/**
 * Mines fetched repository snapshots (bare git directories) into raw eval material under an output folder:
 *   npx tsx eval/tools/mine.ts OUT GITDIR...
 * For each repository: its project folder (the one holding convex/schema.ts), the schema's truth (executed with
 * `convex`; the static parser only when execution fails, marked), its README and package.json description.
 * Nothing of the repository's code is written outside OUT (a scratch folder, never committed).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseSchema } from "../../lib/schema/parse";
import { executeSchema, truthFromExport, type AppTruth } from "./truth";

const git = (dir: string, ...args: string[]): string =>
  execFileSync("git", ["--git-dir", dir, ...args], { maxBuffer: 256 << 20 }).toString();

function projectDirs(files: string[]): string[] {
  return files
    .filter(
      (f) => /(^|\/)convex\/schema\.(ts|js)$/.test(f) && !/node_modules|\/templates?\/|\/examples?\/|\.next\//.test(f),
    )
    .map((f) => f.replace(/\/?convex\/schema\.(ts|js)$/, ""))
    .sort((a, b) => a.split("/").length - b.split("/").length || a.length - b.length);
}

function walk(dir: string, root: string, out: Record<string, string>): void {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const p = path.join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) walk(p, root, out);
    else if (/\.(ts|js|mjs|tsx)$/.test(name) && s.size < 400_000)
      out[path.relative(root, p).split(path.sep).join("/")] = readFileSync(p, "utf8");
  }
}

async function mineOne(gitDir: string, out: string): Promise<string> {
  const slug = path.basename(path.dirname(gitDir));
  const repo = slug.replace("+", "/");
  const commit = git(gitDir, "rev-parse", "HEAD").trim();
  const files = git(gitDir, "ls-tree", "-r", "--name-only", "HEAD").split("\n");
  const dirs = projectDirs(files);
  if (!dirs.length) return `${repo}: no convex/schema.ts`;
  const dir = dirs[0];
  const src = path.join(out, "src", slug);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  // Only source files (snapshots may lack large or binary blobs): read them in one `cat-file --batch`.
  const wanted = files.filter(
    (f) => (!dir || f.startsWith(dir + "/")) && /\.(ts|tsx|js|mjs|cjs|json)$/.test(f) && !/node_modules\//.test(f),
  );
  const batch = execFileSync("git", ["--git-dir", gitDir, "cat-file", "--batch"], {
    input: wanted.map((f) => `HEAD:${f}`).join("\n") + "\n",
    maxBuffer: 512 << 20,
  });
  let at = 0;
  for (const f of wanted) {
    const nl = batch.indexOf(10, at);
    const header = batch.subarray(at, nl).toString();
    at = nl + 1;
    if (header.endsWith("missing")) continue;
    const size = Number(header.split(" ")[2]);
    mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
    writeFileSync(path.join(src, f), batch.subarray(at, at + size));
    at += size + 1;
  }
  const project = path.join(src, dir);
  let truth: AppTruth;
  let note = "";
  try {
    truth = truthFromExport(repo, commit, dir, await executeSchema(project, path.join(out, "work", slug)));
  } catch (e) {
    const all: Record<string, string> = {};
    walk(project, project, all);
    const entry = Object.keys(all).find((f) => /^convex\/schema\.(ts|js)$/.test(f)) ?? "convex/schema.ts";
    const parsed = parseSchema({ files: all, entry });
    if (!parsed.ok)
      return `${repo}: not executable (${String(e).split("\n")[0].slice(0, 160)}) and not parsed (${parsed.errors[0]?.message.slice(0, 120)})`;
    const strip = <T extends object>(x: T): T =>
      JSON.parse(JSON.stringify(x, (k, v) => (k === "loc" ? undefined : v))) as T;
    truth = { repo, commit, dir, truthSource: "static-parser", tables: strip(parsed.schema.tables) };
    note = ` (static parser: ${String(e).split("\n")[0].slice(0, 120)})`;
  }
  mkdirSync(path.join(out, "truth"), { recursive: true });
  writeFileSync(path.join(out, "truth", `${slug}.json`), JSON.stringify(truth));
  const readmeName =
    files.find((f) => f.toLowerCase() === (dir ? `${dir}/readme.md` : "readme.md")) ??
    files.find((f) => f.toLowerCase() === "readme.md");
  const meta: Record<string, unknown> = { repo, commit, dir, readme: readmeName ?? null };
  if (readmeName) writeFileSync(path.join(out, "readme", `${slug}.md`), git(gitDir, "show", `HEAD:${readmeName}`));
  for (const pj of [dir ? `${dir}/package.json` : "package.json", "package.json"]) {
    if (!files.includes(pj)) continue;
    try {
      const pkg = JSON.parse(git(gitDir, "show", `HEAD:${pj}`)) as { name?: string; description?: string };
      meta.packageName ??= pkg.name;
      meta.packageDescription ??= pkg.description;
    } catch {
      /* a broken package.json says nothing */
    }
  }
  writeFileSync(path.join(out, "meta", `${slug}.json`), JSON.stringify(meta));
  rmSync(src, { recursive: true, force: true });
  return `${repo}: ${truth.tables.length} tables, ${truth.truthSource}${note}`;
}

const [out, ...gitDirs] = process.argv.slice(2);
for (const d of ["readme", "meta", "truth"]) mkdirSync(path.join(out, d), { recursive: true });
for (const g of gitDirs) {
  const slug = path.basename(path.dirname(g));
  if (existsSync(path.join(out, "meta", `${slug}.json`)) || existsSync(path.join(out, "failed", slug))) continue;
  try {
    const line = await mineOne(g, out);
    process.stdout.write(`${line}\n`);
    if (!existsSync(path.join(out, "truth", `${slug}.json`))) {
      mkdirSync(path.join(out, "failed"), { recursive: true });
      writeFileSync(path.join(out, "failed", slug), line);
    }
  } catch (e) {
    process.stdout.write(`${slug}: failed ${String(e).slice(0, 200)}\n`);
    mkdirSync(path.join(out, "failed"), { recursive: true });
    writeFileSync(path.join(out, "failed", slug), String(e));
  }
}
