import { v } from "convex/values";

export const orderStatus = v.union(v.literal("open"), v.literal("paid"), v.literal("shipped"));

export const address = v.object({ street: v.string(), city: v.string(), zip: v.optional(v.string()) });

export const priority = v.union(v.literal("low"), v.literal("high"));
