import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

const money = v.object({ amountCents: v.int64(), currency: v.string() });

const address = v.object({
  line1: v.string(),
  line2: v.optional(v.string()),
  city: v.string(),
  postalCode: v.string(),
  country: v.string(),
});

const orderStatus = v.union(
  v.literal("pending"),
  v.literal("paid"),
  v.literal("shipped"),
  v.literal("delivered"),
  v.literal("cancelled"),
);

const productFields = v.object({
  name: v.string(),
  slug: v.string(),
  description: v.string(),
  price: money,
  stock: v.number(),
  categoryId: v.id("categories"),
  images: v.array(v.id("_storage")),
  attributes: v.record(v.string(), v.union(v.string(), v.number(), v.boolean())),
  active: v.boolean(),
});

export default defineSchema({
  customers: defineTable({
    email: v.string(),
    name: v.string(),
    shippingAddress: v.optional(address),
    billingAddress: v.optional(address),
    stripeCustomerId: v.optional(v.string()),
  }).index("by_email", ["email"]),

  categories: defineTable({
    name: v.string(),
    parentId: v.optional(v.id("categories")),
  }).index("by_parent", ["parentId"]),

  products: defineTable(productFields.fields)
    .index("by_slug", ["slug"])
    .index("by_category", ["categoryId", "active"])
    .searchIndex("search_name", { searchField: "name", filterFields: ["categoryId", "active"] }),

  productVariants: defineTable({
    ...productFields.pick("name", "price", "stock").fields,
    productId: v.id("products"),
    sku: v.string(),
  }).index("by_product", ["productId"]),

  carts: defineTable({
    customerId: v.id("customers"),
    productIds: v.array(v.id("products")),
    updatedAt: v.number(),
  }).index("by_customer", ["customerId"]),

  orders: defineTable({
    customerId: v.id("customers"),
    status: orderStatus,
    total: money,
    shippingAddress: address,
    placedAt: v.number(),
    notes: v.optional(v.string()),
  })
    .index("by_customer", ["customerId", "placedAt"])
    .index("by_status", ["status"]),

  orderItems: defineTable({
    orderId: v.id("orders"),
    productId: v.id("products"),
    quantity: v.number(),
    unitPrice: money,
  }).index("by_order", ["orderId"]),

  reviews: defineTable({
    productId: v.id("products"),
    customerId: v.id("customers"),
    rating: v.union(v.literal(1), v.literal(2), v.literal(3), v.literal(4), v.literal(5)),
    body: v.optional(v.string()),
  }).index("by_product", ["productId"]),

  coupons: defineTable({
    code: v.string(),
    percentOff: v.optional(v.number()),
    amountOff: v.optional(money),
    expiresAt: v.optional(v.number()),
    maxRedemptions: v.optional(v.int64()),
  }).index("by_code", ["code"]),
});
