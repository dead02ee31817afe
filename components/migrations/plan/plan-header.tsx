import { Badge } from "@/components/ui/badge";
import { statusWords } from "../status-words";
import type { PlanSectionProps } from "./types";

/** The plan's versions, bump, status and approvals. */
export function PlanHeader({ detail, stored }: PlanSectionProps) {
  const { plan } = stored;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <h2 className="text-base font-semibold">Migration plan</h2>
      <span className="font-mono text-sm" data-testid="plan-semver">
        v{stored.fromSemver} → v{stored.toSemver}
      </span>
      <Badge shape="tag">{plan.bump} bump</Badge>
      {plan.destructive && (
        <Badge shape="tag" tone="red">
          destructive
        </Badge>
      )}
      <Badge data-testid="plan-status">{statusWords(detail.status)}</Badge>
      <span className="ml-auto text-xs text-slate-500" data-testid="plan-approvals">
        Approvals {detail.approvers.length}/{detail.required}
        {detail.approvers.length > 0 && `: ${detail.approvers.map((a) => a.name).join(", ")}`}
      </span>
    </div>
  );
}
