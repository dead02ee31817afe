import { v } from "convex/values";
import { TABLE_NAMES } from "../shared/constants";

export const ownerField = { ownerId: v.id("users") };
export const folderRef = v.id(TABLE_NAMES.folders);
const visibility = v.union(v.literal("private"), v.literal("shared"));
export { visibility as visibilityValidator };
export default { createdAt: v.number() };
