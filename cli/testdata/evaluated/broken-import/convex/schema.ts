import { defineSchema } from "convex/server";
import { wrap } from "not-installed-table-kit";

export default defineSchema({
  things: wrap("things"),
});
