import { z } from "zod";
import { storedShape, structural } from "../../lib/stored";
import { v } from "convex/values";
import { internalMutation, query } from "../_generated/server";
import type { ImportReport } from "./importNode";
import { requireMember } from "../lib/access";

/** Convex documents are limited to 1 MB; row problems beyond this are dropped from the stored copy. */
const MAX_REPORT_JSON = 700_000;

/** Stores the report of an import that created a project (called by importNode.create once the data is written). */
/** `importReports.reportJson`: the import's report (mapping, diagnostics, files, data counts). */
export const storedImportReport = storedShape(
  "import report",
  1,
  structural<ImportReport>(
    z.looseObject({
      ok: z.boolean(),
      tables: z.array(z.looseObject({})),
      diagnostics: z.array(z.looseObject({})),
      text: z.string(),
      files: z.record(z.string(), z.string()),
      data: z.looseObject({ tables: z.array(z.looseObject({})), problems: z.array(z.looseObject({})) }).optional(),
    }),
  ),
);

export const record = internalMutation({
  args: {
    projectId: v.id("projects"),
    kind: v.union(v.literal("prisma"), v.literal("sql")),
    fileName: v.string(),
    userId: v.id("users"),
    reportJson: v.string(),
  },
  handler: async (ctx, args) => {
    const report = storedImportReport.parse(args.reportJson, "the import report to record");
    const data = report.data?.tables ?? [];
    const sum = (pick: (t: (typeof data)[number]) => number) => data.reduce((n, t) => n + pick(t), 0);
    let reportJson = args.reportJson;
    if (reportJson.length > MAX_REPORT_JSON && report.data) {
      report.data.problems = report.data.problems.slice(0, 50);
      reportJson = JSON.stringify(report);
    }
    return await ctx.db.insert("importReports", {
      projectId: args.projectId,
      kind: args.kind,
      fileName: args.fileName,
      tables: report.tables.length,
      warnings: report.diagnostics.filter((d) => d.severity === "warning").length,
      rowsRead: sum((t) => t.read),
      rowsWritten: sum((t) => t.written),
      rowsSkipped: sum((t) => t.skipped),
      reportJson,
      createdBy: args.userId,
      createdAt: Date.now(),
    });
  },
});

/** The import report of a project created by an import (null for other projects). */
export const forProject = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    await requireMember(ctx, projectId);
    const row = await ctx.db
      .query("importReports")
      .withIndex("by_project", (q) => q.eq("projectId", projectId))
      .order("desc")
      .first();
    if (!row) return null;
    const { reportJson, ...summary } = row;
    return { ...summary, report: storedImportReport.parse(reportJson, `importReports ${summary._id}`) };
  },
});
