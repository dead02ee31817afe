import { describe, expect, it, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { newDeployment, signedIn } from "../test.setup";

describe("optimizer report and the sandbox's data", () => {
  it("goes stale when the sandbox's counts change, and a refresh re-runs it with the current data", async () => {
    vi.useFakeTimers();
    try {
      const t = newDeployment();
      const { as, userId } = await signedIn(t, "Ada");
      await t.action(internal.projects.projectsNode.seedDemo, { userId });
      await t.finishAllScheduledFunctions(vi.runAllTimers);
      const [demo] = await as.query(api.projects.projects.list, {});
      const projectId = demo._id;
      const before = await as.query(api.optimizer.reports.current, { projectId });
      expect(before?.stale).toBe(false);
      const tables = await as.query(api.migrations.sandbox.summary, { projectId });
      expect(before?.documents).toBe(tables.reduce((n, t) => n + t.count, 0));
      // Nothing changed: no re-run.
      expect(await as.mutation(api.optimizer.reports.refresh, { projectId })).toBe(false);

      const written = await as.action(api.migrations.sandbox.generateSample, { projectId, perTable: 60 });
      const stale = await as.query(api.optimizer.reports.current, { projectId });
      expect(stale?.stale).toBe(true);
      expect(stale?.documents).toBe(before?.documents);

      expect(await as.mutation(api.optimizer.reports.refresh, { projectId })).toBe(true);
      // One re-run at a time.
      expect(await as.mutation(api.optimizer.reports.refresh, { projectId })).toBe(false);
      await t.finishAllScheduledFunctions(vi.runAllTimers);
      const after = await as.query(api.optimizer.reports.current, { projectId });
      expect(after?.stale).toBe(false);
      expect(after?.documents).toBe(written);
      // The estimates now come from the 60 documents per table.
      const advice = (r: typeof after) => r?.advice.find((a) => a.table === "timeEntries")?.before;
      expect(advice(after)).toBeGreaterThan(advice(before) ?? 0);
    } finally {
      vi.useRealTimers();
    }
  });
});
