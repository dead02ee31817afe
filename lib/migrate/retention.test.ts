import { describe, expect, it } from "vitest";
import { plansToPrune } from "./retention";

const DAY = 86_400_000;

describe("retention of journals and backups", () => {
  it("keeps what a rollback or a restore may still need, prunes the rest", () => {
    const now = 100 * DAY;
    const plans = [
      { id: "rolledBack", projectId: "p", status: "rolledBack" },
      { id: "cancelled", projectId: "p", status: "cancelled" },
      { id: "oldApplied", projectId: "p", status: "applied", finishedAt: 90 * DAY },
      { id: "newApplied", projectId: "p", status: "applied", finishedAt: 95 * DAY },
      { id: "failed", projectId: "p", status: "failed" },
      { id: "running", projectId: "p", status: "running" },
      { id: "draft", projectId: "p", status: "draft" },
      { id: "otherProjectApplied", projectId: "q", status: "applied", finishedAt: 60 * DAY },
    ];
    expect(plansToPrune(plans, now).sort()).toEqual(["cancelled", "oldApplied", "otherProjectApplied", "rolledBack"]);
    // The newest applied plan keeps its journal for 30 days after its run.
    expect(plansToPrune(plans, 124 * DAY)).not.toContain("newApplied");
    expect(plansToPrune(plans, 126 * DAY)).toContain("newApplied");
  });
});
