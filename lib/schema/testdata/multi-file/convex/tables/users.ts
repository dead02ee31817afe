import { defineTable } from "convex/server";
import { v } from "convex/values";
import created from "../fields";

export default defineTable({
  name: v.string(),
  email: v.string(),
  ...created,
}).index("by_email", ["email"]);
