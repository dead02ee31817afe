/**
 * Migrations over apps' own schema history (docs/real-world-results.md): for each `<git dir>:<schema path>`, the
 * last 40 revisions of the schema file, each consecutive pair parsed standalone and planned with no rename confirmed.
 * Prints pairs, parsed pairs, changes, failures, the bumps, every rename/merge candidate, and whether each bump
 * equals the README's semver rule written again here from the change list.
 *
 *   npx tsx eval/tools/migrate-history.ts /path/to/repo.git:convex/schema.ts …
 */
import { execFileSync } from "node:child_process";
import { parseSchemaSource } from "../../lib/schema";
import {
  bumpFor,
  diffSchemas,
  fieldRenameCandidates,
  mergeCandidates,
  tableRenameCandidates,
  planWithRenames,
} from "../../lib/migrate";
const specs = process.argv.slice(2); // gitdir:path
let pairs = 0,
  parsed = 0,
  changes = 0,
  failures = 0;
const bumps: Record<string, number> = {};
const cands: string[] = [];
const disagree: string[] = [];
for (const spec of specs) {
  const [gitDir, file] = spec.split(":");
  const revs = execFileSync("git", ["--git-dir", gitDir, "log", "--format=%H", "-n", "40", "--", file], {
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .filter(Boolean)
    .reverse();
  const show = (r: string) => {
    try {
      return execFileSync("git", ["--git-dir", gitDir, "show", `${r}:${file}`], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
    } catch {
      return undefined;
    }
  };
  for (let i = 1; i < revs.length; i++) {
    pairs++;
    const a = show(revs[i - 1]),
      b = show(revs[i]);
    if (!a || !b) continue;
    const pa = parseSchemaSource(a, "convex/schema.ts"),
      pb = parseSchemaSource(b, "convex/schema.ts");
    if (!pa.ok || !pb.ok) continue;
    parsed++;
    try {
      const c = diffSchemas(pa.schema, pb.schema);
      changes += c.length;
      const plan = planWithRenames(pa.schema, pb.schema, {});
      bumps[plan.bump] = (bumps[plan.bump] ?? 0) + 1;
      if (plan.bump !== bumpFor(plan.changes)) throw new Error("bump mismatch");
      // The README's rule, written again independently from the change list.
      const major = plan.changes.some(
        (x) =>
          [
            "dropTable",
            "renameTable",
            "dropField",
            "renameField",
            "mergeFields",
            "narrowType",
            "changeType",
            "makeRequired",
          ].includes(x.kind) ||
          (x.kind === "addField" && !x.field.optional && pa.schema.tables.some((t) => t.name === x.table)) ||
          (x.kind === "changeDocument" && x.relation !== "widen" && x.relation !== "equal"),
      );
      const minor = plan.changes.some((x) =>
        ["addTable", "addField", "widenType", "makeOptional", "changeDocument", "changeOptions"].includes(x.kind),
      );
      const rule = major ? "major" : minor ? "minor" : plan.changes.length ? "patch" : "none";
      if (rule !== plan.bump)
        disagree.push(
          `${spec.split("/")[3]} ${revs[i].slice(0, 7)} rule=${rule} planner=${plan.bump} ${plan.changes.map((x) => x.kind).join(",")}`,
        );
      for (const x of [
        ...tableRenameCandidates(pa.schema, pb.schema),
        ...fieldRenameCandidates(pa.schema, pb.schema, []),
        ...mergeCandidates(pa.schema, pb.schema),
      ])
        cands.push(
          `${spec.split("/")[3]} ${revs[i].slice(0, 7)} ${x.kind} ${x.table ? x.table + "." : ""}${x.from}->${x.to} (${x.confidence})`,
        );
    } catch (e) {
      failures++;
      console.error(spec, revs[i], e);
    }
  }
}
console.log(JSON.stringify({ pairs, parsed, changes, failures, bumps }, null, 1));
for (const c of cands) console.log(c);
console.log(`semver: ${parsed - disagree.length}/${parsed} agree with the rule`);
for (const d of disagree) console.log("disagree", d);
