/**
 * `convex/seed.ts`: an internal mutation filling every table with realistic documents (faker), in dependency
 * order, picking ids of already inserted parents; optional references to later tables are patched afterwards.
 * Run it with `npx convex run seed:seed '{"perTable": 20, "seed": 1}'`.
 */
import type { SchemaModel } from "../schema/model";
import { propertyKey } from "../schema/model";
import { idsVar, planToCode } from "./code";
import { insertionOrder } from "./sample-plan";

/** `convex/seed.ts` for the whole model. */
export function generateSeedFile(model: SchemaModel): string {
  const plan = insertionOrder(model);
  const blocks: string[] = [];
  for (const t of plan.order) {
    const T = JSON.stringify(t);
    blocks.push(`    const ${idsVar(t)}: Id<${T}>[] = [];
    for (let i = 0; i < perTable; i++) {
      ${idsVar(t)}.push(await ctx.db.insert(${T}, (${planToCode(plan.plans[t])}) as WithoutSystemFields<Doc<${T}>>));
    }
    counts[${T}] = ${idsVar(t)}.length;`);
  }
  for (const [t, fields] of Object.entries(plan.secondPass)) {
    const patch = fields
      .map((f) => `...(faker.datatype.boolean(0.5) ? { ${propertyKey(f.field)}: ${planToCode(f.plan)} } : {})`)
      .join(", ");
    blocks.push(`    // Second pass: optional references that needed documents inserted later.
    for (const id of ${idsVar(t)}) {
      await ctx.db.patch(${JSON.stringify(t)}, id, { ${patch} });
    }`);
  }
  const todo = plan.unfillable.map((u) => `// TODO(schema-assistant): ${u.reason} Not seeded.\n`).join("");
  return `${todo}import { faker } from "@faker-js/faker";
import type { WithoutSystemFields } from "convex/server";
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import { internalMutation } from "./_generated/server";

function pick<T>(items: T[]): T {
  return faker.helpers.arrayElement(items);
}

/** Fills the tables with realistic sample documents (\`perTable\` each) and returns how many were inserted per table. */
export const seed = internalMutation({
  args: { perTable: v.optional(v.number()), seed: v.optional(v.number()) },
  returns: v.record(v.string(), v.number()),
  handler: async (ctx, args) => {
    const perTable = Math.max(1, Math.floor(args.perTable ?? 10));
    faker.seed(args.seed ?? 1);
    const now = Date.now();
    void now;
    const counts: Record<string, number> = {};
${blocks.join("\n")}
    return counts;
  },
});
`;
}
