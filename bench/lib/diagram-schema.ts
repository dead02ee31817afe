/**
 * A realistic large Convex schema for the diagram benchmark: a few hub tables (users, organizations, files) that
 * most tables reference, then feature modules of 6–30 tables each (a module root owned by an organization,
 * children pointing at the root, at each other and at users), a few cross-module references, optional ids,
 * arrays of ids, and some standalone tables (logs, settings). Seeded, so runs are comparable.
 */

import { prng } from "../../lib/schema/testdata/random-model";

const NOUNS = [
  "project",
  "task",
  "invoice",
  "order",
  "ticket",
  "post",
  "lesson",
  "shipment",
  "asset",
  "campaign",
  "survey",
  "booking",
  "contract",
  "device",
  "recipe",
  "listing",
  "claim",
  "course",
  "event",
  "report",
];
const PARTS = [
  "items",
  "comments",
  "versions",
  "assignments",
  "attachments",
  "approvals",
  "tags",
  "events",
  "notes",
  "members",
  "steps",
  "prices",
  "reviews",
  "payments",
  "links",
  "metrics",
];
const PLAIN: [string, string][] = [
  ["title", "v.string()"],
  ["status", 'v.union(v.literal("draft"), v.literal("active"), v.literal("archived"))'],
  ["amount", "v.number()"],
  ["description", "v.optional(v.string())"],
  ["createdAt", "v.number()"],
  ["isPublic", "v.boolean()"],
  ["labels", "v.array(v.string())"],
  ["settings", "v.optional(v.object({ color: v.string(), pinned: v.boolean() }))"],
  ["position", "v.number()"],
  ["externalRef", "v.optional(v.string())"],
];

/** The `convex/schema.ts` text of a schema with about `tables` tables. */
export function generateDiagramSchema(tables: number, seed = 1): string {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const defs: { name: string; fields: string[]; indexes: string[] }[] = [
    {
      name: "users",
      fields: ["name: v.string()", "email: v.string()", "avatarUrl: v.optional(v.string())"],
      indexes: ['.index("by_email", ["email"])'],
    },
    {
      name: "organizations",
      fields: ["name: v.string()", 'ownerId: v.id("users")', 'plan: v.union(v.literal("free"), v.literal("pro"))'],
      indexes: ['.index("by_owner", ["ownerId"])'],
    },
    {
      name: "files",
      fields: ['storageId: v.id("_storage")', 'uploadedBy: v.id("users")', "size: v.number()"],
      indexes: [],
    },
  ];
  const roots: string[] = [];
  let module = 0;
  while (defs.length < tables) {
    const size = Math.min(tables - defs.length, 6 + Math.floor(rand() * 25));
    const root = `${pick(NOUNS)}s${module}`;
    const members = [root];
    defs.push(table(root, [`orgId: v.id("organizations")`, `ownerId: v.id("users")`], rand, pick));
    for (let i = 1; i < size; i++) {
      const name = `${root}_${pick(PARTS)}${i}`;
      const refs = [`${root.replace(/\d+$/, "")}Id: v.id("${root}")`];
      if (rand() < 0.6) refs.push(`authorId: v.id("users")`);
      if (rand() < 0.3 && members.length > 1) refs.push(`parentId: v.optional(v.id("${pick(members.slice(1))}"))`);
      if (rand() < 0.1) refs.push(`fileIds: v.array(v.id("files"))`);
      if (rand() < 0.04 && roots.length) refs.push(`relatedId: v.optional(v.id("${pick(roots)}"))`);
      // Standalone tables (audit logs, caches) are common too.
      defs.push(rand() < 0.05 ? table(`${root}_log${i}`, [], rand, pick) : table(name, refs, rand, pick));
      members.push(name);
    }
    roots.push(root);
    module++;
  }
  const out = [
    'import { defineSchema, defineTable } from "convex/server";',
    'import { v } from "convex/values";',
    "",
    "export default defineSchema({",
  ];
  for (const d of defs.slice(0, tables)) {
    out.push(`  ${d.name}: defineTable({`, ...d.fields.map((f) => `    ${f},`), `  })${d.indexes.join("")},`);
  }
  out.push("});", "");
  return out.join("\n");
}

function table(name: string, refs: string[], rand: () => number, pick: <T>(xs: readonly T[]) => T) {
  const fields = [...refs];
  const used = new Set(refs.map((r) => r.split(":")[0]));
  const extra = 2 + Math.floor(rand() * 8);
  for (let i = 0; i < extra; i++) {
    const [n, v] = pick(PLAIN);
    if (!used.has(n)) fields.push(`${n}: ${v}`), used.add(n);
  }
  const firstRef = refs[0]?.split(":")[0];
  const indexes = firstRef ? [`.index("by_${firstRef}", ["${firstRef}"])`] : [];
  return { name, fields, indexes };
}
