import { afterEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id, TableNames } from "../_generated/dataModel";
import { DELETION_BATCH } from "./deletion";
import schema from "../schema";
import { newDeployment, signedIn } from "../test.setup";

type T = ReturnType<typeof newDeployment>;
/** A validator as the schema exports it (`validator.json`). */
type VJson = {
  type: string;
  value?: unknown;
  tableName?: string;
  fieldType?: VJson;
  optional?: boolean;
  keys?: VJson;
  values?: { fieldType: VJson };
};

const tables = schema.tables as unknown as Record<string, { validator: { json: VJson } }>;

/** The tables an id field of `v` points at (nested objects, arrays and unions included; optional fields unless `requiredOnly`). */
function referenced(v: VJson, out = new Set<string>(), requiredOnly = false): Set<string> {
  if (v.type === "id") out.add(v.tableName!);
  if (v.type === "object")
    for (const f of Object.values(v.value as Record<string, { fieldType: VJson; optional: boolean }>))
      if (!requiredOnly || !f.optional) referenced(f.fieldType, out, requiredOnly);
  if (v.type === "array") referenced(v.value as VJson, out, requiredOnly);
  if (v.type === "union") for (const m of v.value as VJson[]) referenced(m, out, requiredOnly);
  return out;
}

/**
 * Tables whose documents belong to a project: they reference `projects`, or a table that does, transitively.
 * Derived from convex/schema.ts, so a table added later is covered by this test without editing it.
 */
function projectOwnedTables(): string[] {
  const owned = new Set<string>(["projects"]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, t] of Object.entries(tables)) {
      if (owned.has(name) || name === "users") continue;
      if ([...referenced(t.validator.json)].some((r) => owned.has(r))) {
        owned.add(name);
        grew = true;
      }
    }
  }
  owned.delete("projects");
  return [...owned].sort();
}

/** A valid document for a validator: required fields with their simplest value, ids from `ids`; optional ids too. */
function sample(v: VJson, ids: Map<string, string>): unknown {
  switch (v.type) {
    case "string":
      return "x";
    case "number":
      return 1;
    case "bigint":
      return 1n;
    case "boolean":
      return false;
    case "null":
      return null;
    case "any":
      return {};
    case "bytes":
      return new ArrayBuffer(0);
    case "literal":
      return v.value;
    case "id": {
      const id = ids.get(v.tableName!);
      if (!id) throw new Error(`no ${v.tableName} to point at yet`);
      return id;
    }
    case "array":
      return [];
    case "record":
      return {};
    case "union":
      return sample((v.value as VJson[])[0], ids);
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(v.value as Record<string, { fieldType: VJson; optional: boolean }>)) {
        const ref = [...referenced(f.fieldType)];
        if (!f.optional || (ref.length > 0 && ref.every((t) => ids.has(t)))) out[k] = sample(f.fieldType, ids);
      }
      return out;
    }
    default:
      throw new Error(`no sample for validator type ${v.type}`);
  }
}

/** Inserts `perTable` documents into every project-owned table for `projectId` (parents before children). */
async function seedEveryTable(
  t: T,
  projectId: Id<"projects">,
  userId: Id<"users">,
  perTable: (table: string) => number,
): Promise<void> {
  const ids = new Map<string, string>([
    ["projects", projectId],
    ["users", userId],
  ]);
  const pending = projectOwnedTables();
  while (pending.length) {
    const i = pending.findIndex((name) =>
      [...referenced(tables[name].validator.json, new Set(), true)].every((r) => ids.has(r)),
    );
    if (i < 0) throw new Error(`cannot order ${pending.join(", ")} by their references`);
    const [name] = pending.splice(i, 1);
    const doc = sample(tables[name].validator.json, ids) as Record<string, unknown>;
    const first = await t.run(async (ctx) => {
      let id = "";
      for (let k = 0; k < perTable(name); k++) id = await ctx.db.insert(name as TableNames, doc as never);
      return id;
    });
    ids.set(name, first);
  }
}

/** Documents of every table of the schema that point at `projectId`, directly or through a deleted parent. */
async function countOwned(t: T, projectId: Id<"projects">): Promise<Record<string, number>> {
  return await t.run(async (ctx) => {
    const all = new Map<string, Array<Record<string, unknown>>>();
    for (const name of Object.keys(tables)) all.set(name, await ctx.db.query(name as TableNames).collect());
    // Ids that belong to the project: the project, then every document pointing at one of them (to a fixpoint).
    const owned = new Set<string>([projectId]);
    const points = (doc: unknown): boolean =>
      typeof doc === "string"
        ? owned.has(doc)
        : Array.isArray(doc)
          ? doc.some(points)
          : doc !== null && typeof doc === "object"
            ? Object.entries(doc).some(([k, x]) => k !== "_id" && points(x))
            : false;
    for (let grew = true; grew; ) {
      grew = false;
      for (const [name, docs] of all) {
        if (name === "users") continue;
        for (const d of docs) if (!owned.has(String(d._id)) && points(d)) owned.add(String(d._id)), (grew = true);
      }
    }
    const counts: Record<string, number> = {};
    for (const [name, docs] of all)
      counts[name] = docs.filter((d) => owned.has(String(d._id)) && d._id !== projectId).length;
    return counts;
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe("deleting a project", () => {
  it("derives the tables a project owns from the schema (the list this test checks)", () => {
    const owned = projectOwnedTables();
    for (const t of [
      "members",
      "schemaVersions",
      "migrationJournal",
      "migrationRunLog",
      "migrationBackups",
      "apiTokens",
      "webhooks",
      "webhookDeliveries",
      "invitations",
      "optimizerReports",
      "messages",
      "sandboxDocuments",
      "auditLog",
    ]) {
      expect(owned).toContain(t);
    }
    expect(owned).not.toContain("users");
  });

  it("deletes everything stored for it in bounded scheduled batches, table by table, and nothing of another project", async () => {
    vi.useFakeTimers();
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const model = JSON.stringify({
      tables: [],
      options: { schemaValidation: true, strictTableNameTypes: true },
      warnings: [],
    });
    const make = (name: string) =>
      t.mutation(internal.projects.projects.insertParsed, {
        userId: ada.userId,
        name,
        schemaSource: "export default defineSchema({});",
        modelJson: model,
        sourceHash: name,
      });
    const doomed = await make("Doomed");
    const kept = await make("Kept");
    await t.finishAllScheduledFunctions(vi.runAllTimers, 100); // the analyses creating a project schedules
    // Over two batches of sandbox rows and journal entries, so the deletion has to continue in later steps.
    const many = new Set(["sandboxDocuments", "migrationJournal"]);
    // Rows that name a user name Sam (a member too), so Ada's own membership stays unique.
    const sam = await signedIn(t, "Sam");
    await seedEveryTable(t, doomed, sam.userId, (table) => (many.has(table) ? DELETION_BATCH + 150 : 2));
    await seedEveryTable(t, kept, sam.userId, () => 1);
    const before = await countOwned(t, doomed);
    for (const table of projectOwnedTables()) expect(before[table], `seeded ${table}`).toBeGreaterThan(0);
    const keptBefore = await countOwned(t, kept);

    await ada.as.mutation(api.projects.projects.remove, { projectId: doomed });
    expect(await ada.as.query(api.projects.projects.find, { projectId: doomed })).toBeNull();
    await t.finishAllScheduledFunctions(vi.runAllTimers, 100);

    const after = await countOwned(t, doomed);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await countOwned(t, kept)).toEqual(keptBefore);
    const steps = (await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect())).filter(
      (s) => s.name === "projects/deletion:step",
    );
    const total = Object.values(before).reduce((a, b) => a + b, 0);
    expect(steps.length).toBeGreaterThanOrEqual(Math.ceil(total / DELETION_BATCH));
    expect(steps.every((s) => s.state.kind === "success")).toBe(true);
    // The deletion itself stays recorded, by whom and the project's name.
    const audit = await t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit.filter((a) => a.action === "project.delete").map((a) => [a.target, a.actorId, a.projectId])).toEqual([
      ["Doomed", ada.userId, undefined],
    ]);
  });
});
