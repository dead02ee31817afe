/** `relationship-analysis.md`: how tables connect, what is unindexed, what deleting a document leaves behind. */
import type { SchemaModel } from "../schema/model";
import type { DocRelationship } from "./relationships";

/** Tables connected by references (ignoring direction), each group sorted, groups largest first. */
export function connectedGroups(model: SchemaModel, rels: DocRelationship[]): string[][] {
  const parent = new Map(model.tables.map((t) => [t.name, t.name]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    return r;
  };
  for (const r of rels) if (parent.has(r.from) && parent.has(r.to)) parent.set(find(r.from), find(r.to));
  const groups = new Map<string, string[]>();
  for (const t of model.tables) groups.set(find(t.name), [...(groups.get(find(t.name)) ?? []), t.name]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : 1));
}

function list(items: string[], empty: string): string[] {
  return items.length ? items.map((i) => `- ${i}`) : [`- ${empty}`];
}

/** Renders relationship-analysis.md. */
export function relationshipAnalysis(model: SchemaModel, rels: DocRelationship[]): string {
  const names = new Set(model.tables.map((t) => t.name));
  const out = ["# Relationship analysis", "", `${rels.length} references between ${model.tables.length} tables.`, ""];

  out.push("## References", "");
  if (rels.length) {
    out.push("| From | Field | To | Cardinality | Optional | Indexed |", "| --- | --- | --- | --- | --- | --- |");
    for (const r of rels) {
      const indexed = r.cardinality === "many-to-many" ? "n/a (array)" : r.indexed ? "yes" : "**no**";
      out.push(`| ${r.from} | \`${r.field}\` | ${r.to} | ${r.cardinality} | ${r.optional ? "yes" : "no"} | ${indexed} |`);
    }
  } else out.push("No table references another.");
  out.push("");

  const counts = new Map<string, number>();
  for (const r of rels) if (r.from !== r.to) counts.set(r.to, (counts.get(r.to) ?? 0) + 1);
  const hubs = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
  out.push("## Most referenced tables", "", ...list(hubs.map(([t, n]) => `**${t}**: referenced by ${n} field${n === 1 ? "" : "s"}`), "none"), "");

  out.push("## Unindexed references", "", "Finding the documents that point at one parent scans the table until an index starts with the field.", "");
  out.push(...list(rels.filter((r) => r.cardinality === "many-to-one" && !r.indexed).map((r) => `\`${r.from}.${r.field}\` → ${r.to}`), "none"), "");

  out.push("## Arrays of ids", "", "Arrays are capped at 8192 elements and cannot be indexed; a join table scales instead.", "");
  out.push(...list(rels.filter((r) => r.cardinality === "many-to-many").map((r) => `\`${r.from}.${r.field}\` → ${r.to}`), "none"), "");

  out.push("## Self and mutual references", "");
  const cycles = rels.filter((r) => r.from === r.to).map((r) => `\`${r.from}.${r.field}\` points at its own table (trees, threads)`);
  const byPair = new Map<string, DocRelationship>();
  for (const r of rels) if (!byPair.has(`${r.from}\u0000${r.to}`)) byPair.set(`${r.from}\u0000${r.to}`, r);
  for (const a of rels) {
    const b = a.from < a.to ? byPair.get(`${a.to}\u0000${a.from}`) : undefined;
    if (b) cycles.push(`${a.from} ↔ ${a.to} (\`${a.from}.${a.field}\`, \`${b.from}.${b.field}\`): insert one side first with the reference optional`);
  }
  out.push(...list(cycles, "none"), "");

  out.push("## Deleting a document", "", "Convex does not cascade deletes; these fields keep dangling ids unless the code cleans them up.", "");
  const byTarget = new Map<string, string[]>();
  for (const r of rels) byTarget.set(r.to, [...(byTarget.get(r.to) ?? []), `\`${r.from}.${r.field}\``]);
  out.push(...list([...byTarget].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([t, fs]) => `**${t}**: ${fs.join(", ")}`), "nothing references another table"), "");

  const dangling = rels.filter((r) => !names.has(r.to));
  if (dangling.length) out.push("## Missing tables", "", ...dangling.map((r) => `- \`${r.from}.${r.field}\` references "${r.to}", which is not defined`), "");

  const groups = connectedGroups(model, rels);
  out.push("## Connected groups", "", ...list(groups.map((g) => (g.length === 1 ? `${g[0]} (isolated)` : g.join(", "))), "no tables"), "");
  return out.join("\n").replace(/\n+$/, "\n");
}
