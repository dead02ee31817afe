import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { StoredPlan } from "@/convex/migrations/planning";
import type { PlanWork } from "./use-plan-work";

/** A plan as `migrations.get` returns it. */
export type PlanDetail = NonNullable<FunctionReturnType<typeof api.migrations.plans.get>>;

/** What every section of the plan review is given. */
export interface PlanSectionProps {
  planId: Id<"migrationPlans">;
  detail: PlanDetail;
  stored: StoredPlan;
  /** Renames, values and approvals may be changed (an approver, while the plan is a draft or approved). */
  editable: boolean;
  work: PlanWork;
}
