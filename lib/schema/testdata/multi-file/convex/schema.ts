import { defineSchema } from "convex/server";
import * as tables from "./tables";

const schema = defineSchema({
  users: tables.users,
  notes: tables.notes,
  folders: tables.folders,
});

export default schema;
