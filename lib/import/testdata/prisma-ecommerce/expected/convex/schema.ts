import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  /** Imported from "Customer". */
  customers: defineTable({
    email: v.string(),
    name: v.string(),
    phone: v.optional(v.string()),
    createdAt: v.number(),
  })
    .index("by_email", ["email"]),

  /** Imported from "Profile". */
  profiles: defineTable({
    customerId: v.id("customers"),
    birthday: v.optional(v.number()),
    newsletter: v.boolean(),
  })
    .index("by_customerId", ["customerId"]),

  /** Imported from "Address". */
  addresses: defineTable({
    customerId: v.id("customers"),
    line1: v.string(),
    line2: v.optional(v.string()),
    city: v.string(),
    postalCode: v.string(),
    country: v.string(),
  })
    .index("by_customerId", ["customerId"]),

  /** Imported from "Category". */
  categories: defineTable({
    slug: v.string(),
    name: v.string(),
    parentId: v.optional(v.id("categories")),
  })
    .index("by_slug", ["slug"])
    .index("by_parentId", ["parentId"]),

  /** Imported from "Product". */
  products: defineTable({
    sku: v.string(),
    name: v.string(),
    description: v.optional(v.string()),
    priceCents: v.number(),
    price: v.number(),
    stock: v.number(),
    tags: v.array(v.string()),
    attributes: v.optional(v.any()),
  })
    .index("by_sku", ["sku"])
    .index("by_name", ["name"]),

  /** Imported from "Order". */
  orders: defineTable({
    number: v.string(),
    customerId: v.id("customers"),
    addressId: v.optional(v.id("addresses")),
    status: v.union(
      v.literal("PENDING"),
      v.literal("PAID"),
      v.literal("SHIPPED"),
      v.literal("CANCELLED"),
      v.literal("REFUNDED"),
    ),
    totalCents: v.int64(),
    placedAt: v.number(),
  })
    .index("by_number", ["number"])
    .index("by_customerId_placedAt", ["customerId", "placedAt"])
    .index("by_status", ["status"])
    .index("by_addressId", ["addressId"]),

  /** Imported from "OrderItem". */
  orderItems: defineTable({
    orderId: v.id("orders"),
    productId: v.id("products"),
    quantity: v.number(),
    unitCents: v.number(),
  })
    .index("by_orderId_productId", ["orderId", "productId"])
    .index("by_productId", ["productId"]),

  /** Imported from "Review". */
  reviews: defineTable({
    productId: v.id("products"),
    customerId: v.id("customers"),
    rating: v.number(),
    body: v.optional(v.string()),
    createdAt: v.number(),
  })
    .index("by_productId_customerId", ["productId", "customerId"])
    .index("by_customerId", ["customerId"]),

  /** Imported from implicit many-to-many table "_CategoryToProduct". */
  categoriesToProducts: defineTable({
    /** Imported from column "A". */
    categoryId: v.id("categories"),
    /** Imported from column "B". */
    productId: v.id("products"),
  })
    .index("by_categoryId_productId", ["categoryId", "productId"])
    .index("by_productId", ["productId"]),

  /** Imported from implicit many-to-many table "_RelatedProducts". */
  relatedProducts: defineTable({
    /** Imported from column "A". */
    productAId: v.id("products"),
    /** Imported from column "B". */
    productBId: v.id("products"),
  })
    .index("by_productAId_productBId", ["productAId", "productBId"])
    .index("by_productBId", ["productBId"]),
});
