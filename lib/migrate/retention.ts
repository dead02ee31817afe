/**
 * How long a migration's journal and backups are kept. They exist for one thing each: the journal to roll a run
 * back, the backup to restore a failed run's tables. The policy:
 * - a plan whose run was rolled back or cancelled needs neither any more: both are deleted as soon as it ends;
 * - an applied plan can be rolled back only while it is the project's newest applied plan: older applied plans'
 *   journals and backups are deleted when a newer plan is applied, and the newest keeps them for
 *   `keepAppliedDays` days after its run finished;
 * - running, paused and failed plans keep everything (a failed run is rolled back or restored from its backup).
 */
export interface RetentionPolicy {
  keepAppliedDays: number;
}

export const RETENTION: RetentionPolicy = { keepAppliedDays: 30 };

export interface PlanRecord {
  id: string;
  projectId: string;
  status: string;
  /** When its last apply run finished (applied plans). */
  finishedAt?: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** The plans whose journal and backups can be deleted now. */
export function plansToPrune(plans: PlanRecord[], now: number, policy: RetentionPolicy = RETENTION): string[] {
  const out: string[] = [];
  const newestApplied = new Map<string, PlanRecord>();
  for (const p of plans) {
    if (p.status !== "applied") continue;
    const best = newestApplied.get(p.projectId);
    if (!best || (p.finishedAt ?? 0) > (best.finishedAt ?? 0)) newestApplied.set(p.projectId, p);
  }
  for (const p of plans) {
    if (p.status === "rolledBack" || p.status === "cancelled") out.push(p.id);
    else if (p.status === "applied") {
      const newest = newestApplied.get(p.projectId) === p;
      if (!newest || (p.finishedAt !== undefined && now - p.finishedAt > policy.keepAppliedDays * DAY)) out.push(p.id);
    }
  }
  return out;
}
