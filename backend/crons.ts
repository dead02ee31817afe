/**
 * Runs the jobs of convex/crons.ts on real timers (UTC), like Convex's cron scheduler.
 */
import type { CronSpec } from "./loader.js";

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MINUTE = 60_000;

/** A schedule as a 5-field cron expression (minute hour day-of-month month day-of-week), or null for intervals. */
export function toCronExpression(s: CronSpec["schedule"]): string | null {
  const m = Number(s.minuteUTC ?? 0);
  switch (s.type) {
    case "cron":
      return String(s.cron);
    case "hourly":
      return `${m} * * * *`;
    case "daily":
      return `${m} ${Number(s.hourUTC)} * * *`;
    case "weekly":
      return `${m} ${Number(s.hourUTC)} * * ${DAYS.indexOf(String(s.dayOfWeek))}`;
    case "monthly":
      return `${m} ${Number(s.hourUTC)} ${Number(s.day)} * *`;
    default:
      return null;
  }
}

/** Interval length in ms for `{ type: "interval" }` schedules. */
export function intervalMs(s: CronSpec["schedule"]): number {
  return (Number(s.seconds ?? 0) + Number(s.minutes ?? 0) * 60 + Number(s.hours ?? 0) * 3600) * 1000;
}

function parseField(field: string, min: number, max: number): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    let [lo, hi] = [min, max];
    if (range !== "*") {
      const [a, b] = range.split("-").map(Number);
      lo = a;
      hi = b ?? (stepText ? max : a);
    }
    if (![lo, hi, step].every(Number.isFinite) || step <= 0) throw new Error(`Invalid cron field "${field}"`);
    for (let v = lo; v <= hi; v += step) out.add(v === 7 && max === 7 ? 0 : v);
  }
  return out;
}

/** The first minute strictly after `after` (ms, UTC) matching the expression. */
export function nextCronTime(expr: string, after: number): number {
  const f = expr.trim().split(/\s+/);
  if (f.length !== 5) throw new Error(`Invalid cron expression "${expr}": expected 5 fields`);
  const [min, hour, dom, mon, dow] = [
    parseField(f[0], 0, 59),
    parseField(f[1], 0, 23),
    parseField(f[2], 1, 31),
    parseField(f[3], 1, 12),
    parseField(f[4], 0, 7),
  ];
  const anyDom = f[2] === "*";
  const anyDow = f[4] === "*";
  let t = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  for (let i = 0; i < 366 * 24 * 60; i++, t += MINUTE) {
    const d = new Date(t);
    if (!min.has(d.getUTCMinutes()) || !hour.has(d.getUTCHours()) || !mon.has(d.getUTCMonth() + 1)) continue;
    const domOk = dom.has(d.getUTCDate());
    const dowOk = dow.has(d.getUTCDay());
    // Standard cron: when both day fields are restricted, either may match.
    if (anyDom && anyDow ? true : anyDom ? dowOk : anyDow ? domOk : domOk || dowOk) return t;
  }
  throw new Error(`Cron expression "${expr}" never fires`);
}

/** Arms one timer per cron job; each run calls `run(path, args)`. */
export class CronRunner {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    jobs: CronSpec[],
    private readonly run: (path: string, args: Record<string, unknown>) => Promise<void>,
    private readonly log: (line: string) => void,
  ) {
    for (const job of jobs) this.arm(job);
  }

  private arm(job: CronSpec): void {
    if (this.stopped) return;
    const now = Date.now();
    let at: number;
    try {
      const expr = toCronExpression(job.schedule);
      at = expr === null ? now + intervalMs(job.schedule) : nextCronTime(expr, now);
    } catch (e) {
      this.log(`cron "${job.name}": ${(e as Error).message}`);
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (this.stopped) return;
        void this.run(job.path, job.args).finally(() => this.arm(job));
      },
      Math.max(0, at - now),
    );
    this.timers.add(timer);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
