import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { parseSchemaSource } from "../schema";
import type { SchemaModel } from "../schema/model";
import {
  changeMarks,
  connectedComponents,
  findPath,
  layoutGraph,
  layoutKey,
  neighbourhood,
  pathEdges,
  renderSvg,
  searchTables,
  toGraph,
} from ".";

function parse(body: string): SchemaModel {
  const r = parseSchemaSource(
    `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({${body}});`,
  );
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.schema;
}

const SHOP = parse(`
  users: defineTable({ name: v.string(), email: v.string() }).index("by_email", ["email"]),
  orders: defineTable({ userId: v.id("users"), couponId: v.optional(v.id("coupons")), note: v.union(v.string(), v.null()) }).index("by_user", ["userId"]),
  items: defineTable({ orderId: v.id("orders"), productIds: v.array(v.id("products")) }),
  products: defineTable({ title: v.string(), parentId: v.optional(v.id("products")) }),
  coupons: defineTable({ code: v.string() }),
  settings: defineTable({ key: v.string(), value: v.any() }),
  files: defineTable({ storageId: v.id("_storage") }),
`);

describe("toGraph", () => {
  const graph = toGraph(SHOP);

  it("makes one edge per reference with cardinality and optionality, skipping system tables", () => {
    expect(graph.edges.map((e) => [e.source, e.field, e.target, e.cardinality, e.optional])).toEqual([
      ["orders", "userId", "users", "many-to-one", false],
      ["orders", "couponId", "coupons", "many-to-one", true],
      ["items", "orderId", "orders", "many-to-one", false],
      ["items", "productIds", "products", "many-to-many", false],
      ["products", "parentId", "products", "many-to-one", true],
    ]);
  });

  it("sizes nodes by their rows and marks indexed fields", () => {
    const orders = graph.nodes.find((n) => n.id === "orders")!;
    expect(orders.rows.map((r) => [r.name, r.type, r.indexed])).toEqual([
      ["userId", "id<users>", ["by_user"]],
      ["couponId", "id<coupons>", []],
      ["note", "string | null", []],
    ]);
    expect(orders.height).toBeGreaterThan(graph.nodes.find((n) => n.id === "coupons")!.height);
    expect(toGraph(SHOP, { collapsed: true }).nodes.every((n) => n.rows.length === 0)).toBe(true);
  });
});

describe("navigation", () => {
  const graph = toGraph(SHOP);

  it("finds the shortest path between two tables through references in either direction", () => {
    expect(findPath(graph, "users", "products")).toEqual(["users", "orders", "items", "products"]);
    expect([...pathEdges(graph, ["users", "orders"])]).toEqual(["orders.userId->users"]);
    expect(findPath(graph, "users", "settings")).toBeNull();
    expect(findPath(graph, "users", "nope")).toBeNull();
  });

  it("focuses a table with its neighbours, searches names then fields, groups components", () => {
    expect([...neighbourhood(graph, "orders")].sort()).toEqual(["coupons", "items", "orders", "users"]);
    expect(searchTables(graph, "ORD")).toEqual(["orders", "items"]); // items by its field orderId
    expect(searchTables(graph, "email")).toEqual(["users"]);
    expect(searchTables(graph, "  ")).toEqual([]);
    expect(connectedComponents(graph).map((g) => g.length)).toEqual([5, 1, 1]);
  });
});

describe("layout", () => {
  it("places every table without overlaps, and the key changes when the schema does", async () => {
    const graph = toGraph(SHOP);
    const positions = await layoutGraph(graph, new ELK());
    expect(Object.keys(positions).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    const boxes = graph.nodes.map((n) => ({ ...positions[n.id], w: n.width, h: n.height }));
    for (const a of boxes)
      for (const b of boxes) {
        if (a === b) continue;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap).toBe(false);
      }
    const changed = parse(`users: defineTable({ name: v.string() })`);
    expect(layoutKey(graph)).not.toBe(layoutKey(toGraph(changed)));
    expect(layoutKey(graph)).toBe(layoutKey(toGraph(SHOP)));
  });

  it("exports an SVG with every table and field name", async () => {
    const graph = toGraph(SHOP);
    const svg = renderSvg(graph, await layoutGraph(graph, new ELK()));
    expect(svg.startsWith("<svg")).toBe(true);
    for (const n of graph.nodes) expect(svg).toContain(`>${n.table}</text>`);
    expect(svg).toContain(">couponId?</text>");
    expect(svg.match(/<path /g)).toHaveLength(graph.edges.length);
  });
});

describe("changeMarks", () => {
  it("marks added, removed and changed tables and fields", () => {
    const before = parse(`a: defineTable({ x: v.string(), y: v.number() }), b: defineTable({ z: v.string() })`);
    const after = parse(
      `a: defineTable({ x: v.optional(v.string()), w: v.boolean() }), c: defineTable({ q: v.string() })`,
    );
    expect(changeMarks(before, after)).toEqual({
      tables: { a: "changed", c: "added", b: "removed" },
      fields: { "a.x": "changed", "a.w": "added", "a.y": "removed", "c.q": "added" },
    });
    expect(changeMarks(before, before)).toEqual({ tables: {}, fields: {} });
  });
});

describe("designer gestures", () => {
  it("connecting two tables adds an optional reference and its index, numbered when the name is taken", async () => {
    const { applyOperations } = await import("../schema/operations");
    const { connectOperations } = await import("./designer");
    const ops = connectOperations(SHOP, "items", "users");
    expect(ops).toEqual([
      {
        op: "addField",
        table: "items",
        field: { name: "userId", validator: { kind: "id", table: "users" }, optional: true },
      },
      { op: "addIndex", table: "items", index: { name: "by_userId", fields: ["userId"] } },
    ]);
    const once = applyOperations(SHOP, ops);
    if (!once.ok) throw new Error("should apply");
    expect(connectOperations(once.schema, "items", "users")[0]).toMatchObject({ field: { name: "user2Id" } });
    expect(connectOperations(SHOP, "products", "products")[0]).toMatchObject({ field: { name: "parent2Id" } });
  });

  it("dropping a referenced table removes the references to it, and the result is valid", async () => {
    const { applyOperations } = await import("../schema/operations");
    const { dropTableOperations, removeFieldOperations } = await import("./designer");
    const dropped = applyOperations(SHOP, dropTableOperations(SHOP, "users"));
    expect(dropped.ok && dropped.schema.tables.find((t) => t.name === "orders")!.fields.map((f) => f.name)).toEqual([
      "couponId",
      "note",
    ]);
    const removed = applyOperations(SHOP, removeFieldOperations(SHOP, "orders", "userId"));
    expect(removed.ok).toBe(true);
  });
});

describe("placeNewNodes", () => {
  it("keeps known positions and stacks new tables to the right without overlap", async () => {
    const { placeNewNodes } = await import("./layout");
    const graph = toGraph(SHOP);
    const previous = { users: { x: 0, y: 0 }, orders: { x: 300, y: 50 } };
    const placed = placeNewNodes(graph, previous)!;
    expect(placed.users).toEqual({ x: 0, y: 0 });
    expect(placed.orders).toEqual({ x: 300, y: 50 });
    const orders = graph.nodes.find((n) => n.id === "orders")!;
    const fresh = graph.nodes.filter((n) => !(n.id in previous));
    for (const n of fresh) expect(placed[n.id].x).toBeGreaterThanOrEqual(300 + orders.width);
    const ys = fresh.map((n) => [placed[n.id].y, placed[n.id].y + n.height]).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < ys.length; i++) expect(ys[i][0]).toBeGreaterThanOrEqual(ys[i - 1][1]);
    expect(placeNewNodes(graph, {})).toBeNull();
  });
});

describe("placeFunctions", () => {
  it("puts each function left of the tables, near the ones it uses, without overlaps", async () => {
    const { placeFunctions, FUNCTION_NODE_HEIGHT } = await import("./overlay");
    const graph = toGraph(SHOP);
    const positions = await layoutGraph(graph, new ELK());
    const use = {
      functions: [
        { name: "orders:list", kind: "query", file: "convex/orders.ts" },
        { name: "users:get", kind: "query", file: "convex/users.ts" },
        { name: "unused:fn", kind: "query", file: "convex/unused.ts" },
      ],
      edges: [
        { function: "orders:list", table: "orders", mode: "read" as const, count: 1 },
        { function: "orders:list", table: "items", mode: "write" as const, count: 2 },
        { function: "users:get", table: "users", mode: "read" as const, count: 1 },
      ],
    };
    const { nodes, edges } = placeFunctions(use, graph, positions);
    expect(nodes.map((n) => n.name).sort()).toEqual(["orders:list", "users:get"]);
    const minX = Math.min(...Object.values(positions).map((p) => p.x));
    expect(nodes.every((n) => n.x < minX)).toBe(true);
    const ys = nodes.map((n) => n.y).sort((a, b) => a - b);
    expect(ys[1] - ys[0]).toBeGreaterThanOrEqual(FUNCTION_NODE_HEIGHT);
    expect(edges.map((e) => `${e.source}->${e.target}:${e.mode}`).sort()).toEqual([
      "fn:orders:list->items:write",
      "fn:orders:list->orders:read",
      "fn:users:get->users:read",
    ]);
  });
});
