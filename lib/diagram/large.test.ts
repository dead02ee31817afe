import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import type { SchemaModel, Table } from "../schema/model";
import { layoutGraph, toGraph, type Positions } from ".";
import { quickLayout } from "./quick-layout";
import { splitForLayout } from "./split";
import type { DiagramGraph } from "./graph";

const table = (name: string, refs: string[]): Table => ({
  name,
  fields: [
    { name: "title", validator: { kind: "string" }, optional: false },
    ...refs.map((r, i) => ({ name: `ref${i}`, validator: { kind: "id" as const, table: r }, optional: false })),
  ],
  indexes: [],
  searchIndexes: [],
  vectorIndexes: [],
});

/** `users` referenced by every table; `modules` groups of `size` tables, each child pointing at its module root. */
function hubSchema(modules: number, size: number): SchemaModel {
  const tables = [table("users", [])];
  for (let m = 0; m < modules; m++) {
    tables.push(table(`root${m}`, ["users"]));
    for (let i = 1; i < size; i++)
      tables.push(table(`m${m}_${i}`, ["users", `root${m}`, ...(i > 1 ? [`m${m}_${i - 1}`] : [])]));
  }
  return { tables, options: { schemaValidation: true, strictTableNameTypes: true }, warnings: [] };
}

function expectNoOverlap(graph: DiagramGraph, positions: Positions) {
  expect(Object.keys(positions).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
  const boxes = graph.nodes.map((n) => ({ ...positions[n.id], w: n.width, h: n.height })).sort((a, b) => a.x - b.x);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j].x < boxes[i].x + boxes[i].w; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      expect(a.y < b.y + b.h && b.y < a.y + a.h, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`).toBe(false);
    }
  }
}

describe("splitForLayout", () => {
  it("sets the table everything references apart, leaving each module as its own group", () => {
    const graph = toGraph(hubSchema(8, 10));
    const { hubs, groups } = splitForLayout(graph);
    expect(hubs).toEqual(["users"]);
    expect(groups.map((g) => g.length)).toEqual(Array(8).fill(10));
    expect(new Set(groups.flat()).size).toBe(80);
  });

  it("keeps small schemas and hub-less chains whole", () => {
    const small = toGraph(hubSchema(2, 10));
    expect(splitForLayout(small)).toEqual({ hubs: [], groups: [expect.any(Array)] });
    const chain: SchemaModel = {
      tables: Array.from({ length: 100 }, (_, i) => table(`c${i}`, i ? [`c${i - 1}`] : [])),
      options: { schemaValidation: true, strictTableNameTypes: true },
      warnings: [],
    };
    const pieces = splitForLayout(toGraph(chain));
    expect(pieces.hubs).toEqual([]);
    expect(pieces.groups.map((g) => g.length)).toEqual([100]);
  });
});

describe("quickLayout", () => {
  it("puts referencing tables left of the tables they reference, without overlaps, cycles included", () => {
    const model = hubSchema(1, 6);
    model.tables[0].fields.push({ name: "favourite", validator: { kind: "id", table: "m0_5" }, optional: true }); // a cycle
    const graph = toGraph(model);
    const { positions, width, height } = quickLayout(graph.nodes, graph.edges);
    expectNoOverlap(graph, positions);
    expect(positions.m0_2.x).toBeLessThan(positions.root0.x);
    expect(positions.root0.x).toBeLessThan(positions.users.x);
    for (const n of graph.nodes) {
      expect(positions[n.id].x + n.width).toBeLessThanOrEqual(width);
      expect(positions[n.id].y + n.height).toBeLessThanOrEqual(height + 0.5);
    }
  });
});

describe("layoutGraph on large schemas", () => {
  it("lays out 600 tables around a hub without overlaps, ELK for some groups and the quick layout for the rest", async () => {
    const graph = toGraph(hubSchema(40, 15));
    const positions = await layoutGraph(graph, new ELK(), { elkBudget: 60 });
    expectNoOverlap(graph, positions);
    const xs = Object.values(positions).map((p) => p.x);
    const ys = Object.values(positions).map((p) => p.y);
    const [w, h] = [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
    expect(w / h).toBeGreaterThan(0.3); // not one endless column or row
    expect(w / h).toBeLessThan(4);
  });
});
