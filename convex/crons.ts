import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// Conversations past their project's retention period are deleted once a day.
crons.daily("purge expired conversations", { hourUTC: 3, minuteUTC: 17 }, internal.retention.purgeExpired, {});

export default crons;
