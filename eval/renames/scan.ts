/**
 * Labelling aid (no rename detection): for each revision of a schema file, the tables and fields that disappeared
 * and appeared since the previous revision, with their types, and the commit's subject. A human reads these and the
 * commit's code diff to decide which are real renames (eval/renames/labels.json).
 *
 *   npx tsx eval/renames/scan.ts <git dir>:<schema path> …
 */
import { execFileSync } from "node:child_process";
import { diffSchemas } from "../../lib/migrate";
import { printValidator } from "../../lib/schema";
import { revisionsOf, schemaAt } from "./git-schema";

for (const spec of process.argv.slice(2)) {
  const [gitDir, file] = spec.split(":");
  const revs = revisionsOf(gitDir, file);
  let prev = undefined as ReturnType<typeof schemaAt>;
  let prevRev = "";
  let unparsed = 0;
  for (const rev of revs) {
    const cur = schemaAt(gitDir, rev, file);
    if (!cur) unparsed++;
    if (prev && cur) {
      const changes = diffSchemas(prev, cur);
      const gone: string[] = [];
      const came: string[] = [];
      for (const c of changes) {
        if (c.kind === "dropTable") gone.push(`table ${c.table}(${c.def.fields.map((f) => f.name).join(",")})`);
        if (c.kind === "addTable") came.push(`table ${c.table}(${c.def.fields.map((f) => f.name).join(",")})`);
        if (c.kind === "dropField")
          gone.push(
            `${c.table}.${c.field.name}${c.field.optional ? "?" : ""}: ${printValidator(c.field.validator, "")}`,
          );
        if (c.kind === "addField")
          came.push(
            `${c.table}.${c.field.name}${c.field.optional ? "?" : ""}: ${printValidator(c.field.validator, "")}`,
          );
      }
      if (gone.length && came.length) {
        const subject = execFileSync(
          "git",
          ["--git-dir", gitDir, "log", "-1", "--format=%ad %s", "--date=short", rev],
          {
            encoding: "utf8",
          },
        ).trim();
        console.log(`\n== ${gitDir.split("/").at(-2)} ${rev.slice(0, 10)} (prev ${prevRev.slice(0, 10)}) ${subject}`);
        for (const g of gone) console.log(`  - ${g}`);
        for (const c of came) console.log(`  + ${c}`);
      }
    }
    if (cur) {
      prev = cur;
      prevRev = rev;
    }
  }
  console.error(`${spec}: ${revs.length} revisions, ${unparsed} not parsed`);
}
