/** `relationship-analysis.md`: how tables connect, what is unindexed, what deleting a document leaves behind. */
import type { SchemaModel } from "../schema/model";
import { referenceCount } from "../schema/relationships";
import { count } from "../text";
import { describe } from "./markdown";
import { isDirect, isIdList, type DocRelationship } from "./relationships";

/** Tables connected by references (ignoring direction), each group sorted, groups largest first. */
export function connectedGroups(model: SchemaModel, rels: DocRelationship[]): string[][] {
  // Union-find with path halving, so long reference chains stay linear.
  const parent = new Map(model.tables.map((t) => [t.name, t.name]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) {
      const up = parent.get(parent.get(r) ?? r) ?? r;
      parent.set(r, up);
      r = up;
    }
    return r;
  };
  for (const r of rels) if (parent.has(r.from) && parent.has(r.to)) parent.set(find(r.from), find(r.to));
  const groups = new Map<string, string[]>();
  for (const t of model.tables) {
    const root = find(t.name);
    const group = groups.get(root);
    if (group) group.push(t.name);
    else groups.set(root, [t.name]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : 1));
}

function list(items: string[], empty: string): string[] {
  return items.length ? items.map((i) => `- ${i}`) : [`- ${empty}`];
}

const ref = (r: DocRelationship) => `\`${r.from}.${r.path}\``;

/** Renders relationship-analysis.md. */
export function relationshipAnalysis(model: SchemaModel, rels: DocRelationship[]): string {
  const fields = rels.filter((r) => !r.viaJoinTable);
  const joins = rels.filter((r) => r.viaJoinTable).length;
  const outside = fields.filter((r) => r.external);
  // The count every view shows (`referenceCount`), then what the table below lists besides.
  const besides = [
    joins ? `${count(joins, "many-to-many relationship")} through join tables` : "",
    outside.length
      ? `${count(outside.length, "reference")} to ${[...new Set(outside.map((r) => `\`${r.to}\``))].join(", ")}`
      : "",
  ].filter(Boolean);
  const out = [
    "# Relationship analysis",
    "",
    `${count(referenceCount(model), "reference")} between ${count(model.tables.length, "table")}${besides.length ? `; also ${besides.join(" and ")}` : ""}.`,
    "",
  ];

  out.push("## Relationships", "");
  if (rels.length) {
    out.push(
      "| From | Path | To | Kind | Cardinality | Optional | Indexed |",
      "| --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const r of rels) {
      const indexed = isDirect(r) ? (r.indexed ? "yes" : "**no**") : "n/a";
      const path = r.viaJoinTable ? `via \`${r.viaJoinTable}\`` : `\`${r.path}\``;
      out.push(
        `| ${r.from} | ${path} | ${r.to} | ${r.kind} | ${r.cardinality.from} → ${r.cardinality.to} | ${r.optional ? "yes" : "no"} | ${indexed} |`,
      );
    }
  } else out.push("No table references another.");
  out.push("");

  const counts = new Map<string, number>();
  for (const r of fields) if (r.from !== r.to) counts.set(r.to, (counts.get(r.to) ?? 0) + 1);
  const hubs = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
  out.push(
    "## Most referenced tables",
    "",
    ...list(
      hubs.map(([t, n]) => `**${t}**: referenced by ${count(n, "field")}`),
      "none",
    ),
    "",
  );

  out.push(
    "## Unindexed references",
    "",
    "Finding the documents that point at one parent scans the table until an index starts with the field.",
    "",
  );
  out.push(
    ...list(
      fields.filter((r) => isDirect(r) && !r.indexed && !r.external).map((r) => `${ref(r)} → ${r.to}`),
      "none",
    ),
    "",
  );

  out.push(
    "## Lists of ids",
    "",
    "Arrays are capped at 8192 elements and cannot be indexed; a join table scales instead.",
    "",
  );
  out.push(
    ...list(
      fields.filter(isIdList).map((r) => `${ref(r)} → ${r.to}`),
      "none",
    ),
    "",
  );

  out.push("## Many-to-many through join tables", "");
  out.push(...list(rels.filter((r) => r.viaJoinTable).map(describe), "none"), "");

  out.push("## Self and mutual references", "");
  const cycles = fields
    .filter((r) => r.kind === "self")
    .map((r) => `${ref(r)} points at its own table (trees, threads)`);
  const byPair = new Map<string, DocRelationship>();
  for (const r of fields) if (!byPair.has(`${r.from}\u0000${r.to}`)) byPair.set(`${r.from}\u0000${r.to}`, r);
  for (const a of fields) {
    const b = a.from < a.to ? byPair.get(`${a.to}\u0000${a.from}`) : undefined;
    if (b && b !== a)
      cycles.push(`${a.from} ↔ ${a.to} (${ref(a)}, ${ref(b)}): insert one side first with the reference optional`);
  }
  out.push(...list(cycles, "none"), "");

  out.push(
    "## Deleting a document",
    "",
    "Convex does not cascade deletes; these fields keep dangling ids unless the code cleans them up.",
    "",
  );
  const byTarget = new Map<string, string[]>();
  for (const r of fields) {
    if (r.external) continue;
    const list = byTarget.get(r.to);
    if (list) list.push(ref(r));
    else byTarget.set(r.to, [ref(r)]);
  }
  out.push(
    ...list(
      [...byTarget].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([t, fs]) => `**${t}**: ${fs.join(", ")}`),
      "nothing references another table",
    ),
    "",
  );

  const external = fields.filter((r) => r.external);
  if (external.length) {
    out.push(
      "## System and missing tables",
      "",
      ...external.map(
        (r) =>
          `- ${ref(r)} references "${r.to}"${r.to.startsWith("_") ? " (a Convex system table)" : ", which is not defined"}`,
      ),
      "",
    );
  }

  const groups = connectedGroups(model, rels);
  out.push(
    "## Connected groups",
    "",
    ...list(
      groups.map((g) => (g.length === 1 ? `${g[0]} (isolated)` : g.join(", "))),
      "no tables",
    ),
    "",
  );
  return out.join("\n").replace(/\n+$/, "\n");
}
