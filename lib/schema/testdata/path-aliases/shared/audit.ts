import { v } from "convex/values";

/** Who changed a document last, and when. */
export const auditFields = {
  updatedBy: v.string(),
  updatedAt: v.number(),
};
