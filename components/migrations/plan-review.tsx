"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { storedPlan } from "@/lib/stored/plan";
import { BackfillValues } from "./plan/backfill-values";
import { PlanActions } from "./plan/plan-actions";
import { PlanCode } from "./plan/plan-code";
import { PlanHeader } from "./plan/plan-header";
import { PlanImpact } from "./plan/plan-impact";
import { PlanPhases } from "./plan/plan-phases";
import { PlanRisks } from "./plan/plan-risks";
import { PreflightSection } from "./plan/preflight-section";
import { RenameCandidates } from "./plan/rename-candidates";
import type { PlanSectionProps } from "./plan/types";
import { usePlanWork } from "./plan/use-plan-work";

/**
 * The review of one plan: renames to confirm, values to choose, risks, impact, phases, preflight, generated code,
 * approvals and the run's buttons. Each section is its own component in `./plan/`; they share the plan and the
 * buttons' working state (`usePlanWork`).
 */
export function PlanReview({ planId }: { planId: Id<"migrationPlans"> }) {
  const detail = useQuery(api.migrations.plans.get, { planId });
  const work = usePlanWork();
  if (!detail) return null;
  const stored = storedPlan.parse(detail.planJson, `migrationPlans ${planId}`);
  const editable = detail.canApprove && (detail.status === "draft" || detail.status === "approved");
  const props: PlanSectionProps = { planId, detail, stored, editable, work };
  return (
    <section
      aria-label="Migration plan"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="plan-review"
    >
      <PlanHeader {...props} />
      <RenameCandidates {...props} />
      <BackfillValues {...props} />
      <PlanRisks {...props} />
      <PlanImpact {...props} />
      <PlanPhases {...props} />
      <PreflightSection {...props} />
      <PlanCode {...props} />
      <PlanActions {...props} />
    </section>
  );
}
