import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  customers: defineTable({
    email: v.string(),
    name: v.string(),
    shippingAddress: v.optional(v.object({
      line1: v.string(),
      line2: v.optional(v.string()),
      city: v.string(),
      postalCode: v.string(),
      country: v.string(),
    })),
    billingAddress: v.optional(v.object({
      line1: v.string(),
      line2: v.optional(v.string()),
      city: v.string(),
      postalCode: v.string(),
      country: v.string(),
    })),
    stripeCustomerId: v.optional(v.string()),
  })
    .index("by_email", ["email"]),

  categories: defineTable({
    name: v.string(),
    parentId: v.optional(v.id("categories")),
  })
    .index("by_parent", ["parentId"]),

  products: defineTable({
    name: v.string(),
    slug: v.string(),
    description: v.string(),
    price: v.object({ amountCents: v.int64(), currency: v.string() }),
    stock: v.number(),
    categoryId: v.id("categories"),
    images: v.array(v.id("_storage")),
    attributes: v.record(v.string(), v.union(v.string(), v.number(), v.boolean())),
    active: v.boolean(),
  })
    .index("by_slug", ["slug"])
    .index("by_category", ["categoryId", "active"])
    .searchIndex("search_name", { searchField: "name", filterFields: ["categoryId", "active"] }),

  productVariants: defineTable({
    name: v.string(),
    price: v.object({ amountCents: v.int64(), currency: v.string() }),
    stock: v.number(),
    productId: v.id("products"),
    sku: v.string(),
  })
    .index("by_product", ["productId"]),

  carts: defineTable({
    customerId: v.id("customers"),
    productIds: v.array(v.id("products")),
    updatedAt: v.number(),
  })
    .index("by_customer", ["customerId"]),

  orders: defineTable({
    customerId: v.id("customers"),
    status: v.union(
      v.literal("pending"),
      v.literal("paid"),
      v.literal("shipped"),
      v.literal("delivered"),
      v.literal("cancelled"),
    ),
    total: v.object({ amountCents: v.int64(), currency: v.string() }),
    shippingAddress: v.object({
      line1: v.string(),
      line2: v.optional(v.string()),
      city: v.string(),
      postalCode: v.string(),
      country: v.string(),
    }),
    placedAt: v.number(),
    notes: v.optional(v.string()),
  })
    .index("by_customer", ["customerId", "placedAt"])
    .index("by_status", ["status"]),

  orderItems: defineTable({
    orderId: v.id("orders"),
    productId: v.id("products"),
    quantity: v.number(),
    unitPrice: v.object({ amountCents: v.int64(), currency: v.string() }),
  })
    .index("by_order", ["orderId"]),

  reviews: defineTable({
    productId: v.id("products"),
    customerId: v.id("customers"),
    rating: v.union(v.literal(1), v.literal(2), v.literal(3), v.literal(4), v.literal(5)),
    body: v.optional(v.string()),
  })
    .index("by_product", ["productId"]),

  coupons: defineTable({
    code: v.string(),
    percentOff: v.optional(v.number()),
    amountOff: v.optional(v.object({ amountCents: v.int64(), currency: v.string() })),
    expiresAt: v.optional(v.number()),
    maxRedemptions: v.optional(v.int64()),
  })
    .index("by_code", ["code"]),
});
