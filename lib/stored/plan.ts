/**
 * `migrationPlans.planJson`: the stored migration plan. Read by Convex functions and by the dashboard's plan review,
 * so the shape lives here (browser-safe: zod and types only) and convex/migrations/planning.ts re-exports it.
 */
import { z } from "zod";
import type { MigrationPlan, MigrationStats, RenameCandidate } from "../migrate";
import { storedShape, structural } from ".";
import { diagnosticSchema, schemaModelSchema } from "./model";

/** What `migrationPlans.planJson` holds. */
export interface StoredPlan {
  plan: MigrationPlan;
  /** Every rename candidate the differ found; none is assumed. */
  candidates: RenameCandidate[];
  /** candidateKey → the person's decision; candidates without one block the run. */
  renames: Record<string, "rename" | "addDrop">;
  /** "table.field" → backfill value chosen by a person. */
  defaults: Record<string, unknown>;
  stats: MigrationStats;
  code: string | null;
  codeError?: string;
  fromSemver: string;
  toSemver: string;
}

const kinded = z.array(z.looseObject({ kind: z.string() }));

/** The plan's models, changes, phases and flags are checked; steps keep their own types. */
export const storedPlan = storedShape(
  "migration plan",
  1,
  structural<StoredPlan>(
    z.looseObject({
      plan: z.looseObject({
        from: schemaModelSchema,
        to: schemaModelSchema,
        changes: kinded,
        phases: z.array(z.looseObject({ name: z.string(), steps: kinded })),
        risks: z.array(diagnosticSchema),
        warnings: z.array(z.string()),
        decisions: z.array(z.looseObject({})),
        safe: z.boolean(),
        destructive: z.boolean(),
        reversible: z.boolean(),
      }),
      candidates: z.array(z.looseObject({})),
      renames: z.record(z.string(), z.enum(["rename", "addDrop"])),
      defaults: z.record(z.string(), z.unknown()),
      stats: z.looseObject({ tables: z.record(z.string(), z.looseObject({ count: z.number() })) }),
      code: z.string().nullable(),
      codeError: z.string().optional(),
      fromSemver: z.string(),
      toSemver: z.string(),
    }),
  ),
);
