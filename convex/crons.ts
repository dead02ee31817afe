import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// Conversations past their project's retention period are deleted once a day.
crons.daily("purge expired conversations", { hourUTC: 3, minuteUTC: 17 }, internal.privacy.retention.purgeExpired, {});

// Migration journals and backups past the retention policy (lib/migrate/retention.ts) are deleted once a day.
crons.daily(
  "prune migration journals and backups",
  { hourUTC: 3, minuteUTC: 41 },
  internal.migrations.retention.sweep,
  {},
);

export default crons;
