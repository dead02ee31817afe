/**
 * Fixture loop: each lib/migrate/testdata/<case>/ holds from.ts, to.ts (parsed with the real parser) and
 * options.json ({ renames, defaults, stats, usedIndexes }); the plan as printed and the generated migration code
 * are compared with plan.golden.txt and migrations.golden.txt. UPDATE_GOLDEN=1 rewrites them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "vitest";
import { parseSchemaSource } from "../schema/parse";
import type { SchemaModel } from "../schema/model";
import { expectGolden } from "../testing/golden";
import { generateMigrations } from "./codegen";
import { formatPlan } from "./format";
import { planMigration } from "./plan";
import { fixedResolver } from "./renames";
import type { MigrationStats } from "./risks";

const DIR = path.join(__dirname, "testdata");

function load(file: string): SchemaModel {
  const r = parseSchemaSource(readFileSync(file, "utf8"), "convex/schema.ts");
  if (!r.ok) throw new Error(`${file}: ${r.errors.map((e) => e.message).join("; ")}`);
  return r.schema;
}

interface CaseOptions {
  renames?: string[];
  defaults?: Record<string, unknown>;
  stats?: MigrationStats;
  usedIndexes?: string[];
}

describe("migration plans (golden)", () => {
  for (const name of readdirSync(DIR)
    .filter((n) => existsSync(path.join(DIR, n, "from.ts")))
    .sort()) {
    it(name, async () => {
      const dir = path.join(DIR, name);
      const opts: CaseOptions = JSON.parse(readFileSync(path.join(dir, "options.json"), "utf8"));
      const plan = await planMigration(load(path.join(dir, "from.ts")), load(path.join(dir, "to.ts")), {
        resolver: fixedResolver(opts.renames ?? []),
        defaults: opts.defaults,
        stats: opts.stats,
        usedIndexes: opts.usedIndexes,
      });
      expectGolden(path.join(dir, "plan.golden.txt"), formatPlan(plan));
      expectGolden(path.join(dir, "migrations.golden.txt"), generateMigrations(plan, { title: name }).code);
    });
  }
});
