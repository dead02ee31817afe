import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// Conversations past their project's retention period are deleted once a day.
crons.daily("purge expired conversations", { hourUTC: 3, minuteUTC: 17 }, internal.retention.purgeExpired, {});

// Migration journals and backups past the retention policy (lib/migrate/retention.ts) are deleted once a day.
crons.daily(
  "prune migration journals and backups",
  { hourUTC: 3, minuteUTC: 41 },
  internal.migrationRetention.sweep,
  {},
);

export default crons;
