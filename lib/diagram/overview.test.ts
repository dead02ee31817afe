import { describe, expect, it } from "vitest";
import { parseSchemaSource } from "../schema";
import { HEADER_HEIGHT, ROW_HEIGHT, toGraph } from "./graph";
import {
  bezierMidpoint,
  contains,
  cullScene,
  fitLabel,
  fitViewport,
  overviewScene,
  paintArea,
  shownArea,
  tableAt,
  visibleBox,
} from "./overview";

function graphOf(body: string) {
  const r = parseSchemaSource(
    `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({${body}});`,
  );
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return toGraph(r.schema);
}

const GRAPH = graphOf(`
  users: defineTable({ name: v.string() }),
  posts: defineTable({ title: v.string(), authorId: v.id("users"), editorId: v.optional(v.id("users")) }),
  tags: defineTable({ postIds: v.array(v.id("posts")) }),
`);
const POSITIONS = { users: { x: 0, y: 0 }, posts: { x: 400, y: 0 }, tags: { x: 5000, y: 3000 } };
const width = (id: string) => GRAPH.nodes.find((n) => n.id === id)!.width;

describe("overviewScene", () => {
  const scene = overviewScene(GRAPH, POSITIONS);

  it("anchors each reference at its field's row and the target's header, as the DOM diagram does", () => {
    const author = scene.edges.find((e) => e.id === "posts.authorId->users")!;
    const [sx, sy, , , , , tx, ty] = author.points;
    // authorId is the second field of posts.
    expect([sx, sy]).toEqual([400 + width("posts"), HEADER_HEIGHT + ROW_HEIGHT + ROW_HEIGHT / 2]);
    expect([tx, ty]).toEqual([0, HEADER_HEIGHT / 2]);
    expect(author.optional).toBe(false);
    expect(scene.edges.find((e) => e.id === "posts.editorId->users")!.optional).toBe(true);
    expect(scene.edges.find((e) => e.id === "tags.postIds->posts")!.cardinality).toBe("many-to-many");
  });

  it("bounds every table and curve (a backward reference bulges past its tables), and each curve's box holds its midpoint", () => {
    for (const t of scene.tables)
      expect(contains(scene.bounds!, { minX: t.x, minY: t.y, maxX: t.x + t.width, maxY: t.y + t.height })).toBe(true);
    // posts → users runs right to left, so its curve swings left of users.
    expect(scene.bounds!.minX).toBeLessThan(0);
    for (const e of scene.edges) {
      const m = bezierMidpoint(e);
      expect(contains(e.box, { minX: m.x, minY: m.y, maxX: m.x, maxY: m.y })).toBe(true);
      expect(contains(scene.bounds!, e.box)).toBe(true);
    }
  });

  it("leaves out tables without a position and references to them", () => {
    const partial = overviewScene(GRAPH, { users: { x: 0, y: 0 }, posts: { x: 400, y: 0 } });
    expect(partial.tables.map((t) => t.id)).toEqual(["users", "posts"]);
    expect(partial.edges.map((e) => e.target)).toEqual(["users", "users"]);
  });

  it("is empty with no bounds for an empty schema", () => {
    expect(overviewScene({ nodes: [], edges: [] }, {})).toEqual({ tables: [], edges: [], bounds: null });
  });
});

describe("viewport geometry", () => {
  const scene = overviewScene(GRAPH, POSITIONS);

  it("maps the pane to flow coordinates through pan and zoom", () => {
    expect(visibleBox({ x: -100, y: 50, zoom: 0.5, width: 800, height: 600 })).toEqual({
      minX: 200,
      minY: -100,
      maxX: 1800,
      maxY: 1100,
    });
  });

  it("culls to the tables and curves that meet an area", () => {
    const near = cullScene(scene, { minX: -10, minY: -10, maxX: 1000, maxY: 500 });
    expect(near.tables.map((t) => t.id)).toEqual(["users", "posts"]);
    expect(near.edges.map((e) => e.id).sort()).toEqual([
      "posts.authorId->users",
      "posts.editorId->users",
      "tags.postIds->posts",
    ]);
    expect(cullScene(scene, { minX: 2000, minY: 2000, maxX: 2100, maxY: 2100 }).tables).toEqual([]);
  });

  it("paints the view plus a margin, clipped to the scene, so small pans stay inside it", () => {
    const v = { x: 0, y: 0, zoom: 1, width: 1000, height: 600 };
    const area = paintArea(scene, v)!;
    expect(area).toEqual({ minX: scene.bounds!.minX, minY: 0, maxX: 1500, maxY: 900 });
    const panned = shownArea(scene, { ...v, x: -400, y: -250 })!;
    expect(contains(area, panned)).toBe(true);
    expect(contains(area, shownArea(scene, { ...v, x: -600 })!)).toBe(false);
  });

  it("covers the whole scene when it fits in the view, so panning around it never repaints", () => {
    const v = { x: 100, y: 100, zoom: 0.1, width: 1000, height: 600 };
    expect(paintArea(scene, v)).toEqual(scene.bounds);
    expect(contains(paintArea(scene, v)!, shownArea(scene, { ...v, x: 350, y: -20 })!)).toBe(true);
  });

  it("shrinks the margin to keep the painted pixels under the limit, but always covers what is shown", () => {
    const v = { x: 0, y: 0, zoom: 1, width: 1000, height: 600 };
    const area = paintArea(scene, v, 0.5, 700_000)!;
    expect((area.maxX - area.minX) * (area.maxY - area.minY)).toBeLessThanOrEqual(700_000);
    expect(contains(area, shownArea(scene, v)!)).toBe(true);
  });

  it("paints nothing when the view is off the scene", () => {
    expect(paintArea(scene, { x: 100_000, y: 0, zoom: 1, width: 800, height: 600 })).toBeNull();
  });

  it("fits a box below a toolbar, centred, within the zoom limits", () => {
    const box = { minX: 100, minY: 100, maxX: 1200, maxY: 650 };
    const fit = fitViewport(box, 1200, 700, { top: 100, right: 50, bottom: 50, left: 50 }, 0.02, 1.5);
    expect(fit.zoom).toBeCloseTo(1.0);
    expect(box.minX * fit.zoom + fit.x).toBeCloseTo(50);
    expect(box.minY * fit.zoom + fit.y).toBeCloseTo(100);
    expect(
      fitViewport(
        { minX: 0, minY: 0, maxX: 1e6, maxY: 10 },
        1200,
        700,
        { top: 0, right: 0, bottom: 0, left: 0 },
        0.02,
        1.5,
      ).zoom,
    ).toBe(0.02);
  });
});

describe("hit-testing and labels", () => {
  const scene = overviewScene(GRAPH, { ...POSITIONS, tags: { x: 100, y: 10 } });

  it("finds the topmost table under a point, or none", () => {
    expect(tableAt(scene, { x: 5, y: 5 })).toBe("users");
    expect(tableAt(scene, { x: 120, y: 20 })).toBe("tags");
    expect(tableAt(scene, { x: 3000, y: 3000 })).toBeNull();
  });

  it("cuts labels to the box with an ellipsis, and gives none when two characters do not fit", () => {
    expect(fitLabel("users", 100, 10)).toBe("users");
    expect(fitLabel("organizationMembers", 60, 10)).toBe("organizat…");
    expect(fitLabel("users", 10, 10)).toBeNull();
  });
});
