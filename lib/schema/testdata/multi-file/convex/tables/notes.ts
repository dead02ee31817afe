import { defineTable } from "convex/server";
import { v } from "convex/values";
import { created, fieldsNs, folderRef, ownerField, visibilityValidator } from "../validators";

export const notes = defineTable({
  ...ownerField,
  ...created,
  folderId: v.optional(folderRef),
  title: v.string(),
  body: v.string(),
  visibility: visibilityValidator,
  sharedWith: v.array(fieldsNs.ownerField.ownerId),
}).index("by_owner", ["ownerId"]);

export const folders = defineTable({
  ...ownerField,
  name: v.string(),
  parentId: v.optional(v.id("folders")),
});
