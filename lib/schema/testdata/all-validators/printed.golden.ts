import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  targets: defineTable({
    label: v.string(),
  }),

  kinds: defineTable({
    ref: v.id("targets"),
    text: v.string(),
    num: v.number(),
    float: v.number(),
    big: v.int64(),
    bigAlias: v.int64(),
    flag: v.boolean(),
    nothing: v.null(),
    blob: v.bytes(),
    anything: v.any(),
    litString: v.literal("on"),
    litNumber: v.literal(42),
    litNegative: v.literal(-1.5),
    litBool: v.literal(true),
    litBigint: v.literal(10n),
    list: v.array(v.string()),
    nested: v.object({ a: v.number(), b: v.optional(v.object({ c: v.array(v.id("targets")) })) }),
    dict: v.record(v.string(), v.number()),
    idDict: v.record(v.id("targets"), v.boolean()),
    choice: v.union(v.string(), v.number(), v.null()),
    maybe: v.optional(v.string()),
    nullable: v.union(v.number(), v.null()),
    methodOptional: v.optional(v.string()),
    "quoted-key": v.string(),
    emptyObject: v.object({}),
  }),
});
