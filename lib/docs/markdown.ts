/** `SCHEMA.md`: per-table fields, indexes and relationships, opened by a Mermaid ER diagram. */
import type { Diagnostic, SchemaModel, Table, Validator } from "../schema/model";
import { fieldToCode } from "../schema/model";
import { referenceCount } from "../schema/relationships";
import { count } from "../text";
import { isDirect, type DocRelationship } from "./relationships";

/** Mermaid entity/attribute names allow letters, digits, "_" and "-"; anything else becomes "_". */
export function mermaidName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(clean) ? clean : `_${clean}`;
}

/** One word for a validator's kind, used as the attribute type in diagrams. */
export function kindWord(v: Validator): string {
  if (v.kind === "number") return "float64";
  if (v.kind === "union") {
    const rest = v.members.filter((m) => m.kind !== "null");
    if (rest.length === 1) return kindWord(rest[0]);
    return rest.every((m) => m.kind === "literal") ? "enum" : "union";
  }
  return v.kind;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** The Mermaid `erDiagram` source for the whole schema. */
export function mermaidDiagram(model: SchemaModel, rels: DocRelationship[]): string {
  const lines = ["erDiagram"];
  const refs = new Set(rels.filter((r) => !r.viaJoinTable).map((r) => `${r.from}\u0000${r.field}`));
  for (const t of model.tables) {
    lines.push(`  ${mermaidName(t.name)} {`);
    lines.push(`    id _id PK`);
    for (const f of t.fields) {
      if (f.name === "_id") continue;
      const isRef = refs.has(`${t.name}\u0000${f.name}`);
      const note = f.optional ? ` "optional"` : "";
      lines.push(`    ${mermaidName(kindWord(f.validator))} ${mermaidName(f.name)}${isRef ? " FK" : ""}${note}`);
    }
    lines.push("  }");
  }
  // Join-table pairs are already drawn as the join table's two references.
  for (const r of rels) {
    if (r.viaJoinTable) continue;
    const left = { "*": "}o", "0..1": "|o", "1": "||" }[r.cardinality.from];
    const right = { "*": "o{", "0..1": "o|", "1": "||" }[r.cardinality.to];
    lines.push(`  ${mermaidName(r.from)} ${left}--${right} ${mermaidName(r.to)} : "${r.path.replace(/"/g, "'")}"`);
  }
  return lines.join("\n");
}

interface TableFacts {
  outgoing: DocRelationship[];
  incoming: DocRelationship[];
  findings: Diagnostic[];
}

/** Relationships and findings grouped by table, so rendering stays linear in the schema size. */
function groupFacts(
  model: SchemaModel,
  rels: DocRelationship[],
  findings: readonly Diagnostic[],
): Map<string, TableFacts> {
  const facts = new Map<string, TableFacts>(
    model.tables.map((t) => [t.name, { outgoing: [], incoming: [], findings: [] }]),
  );
  for (const r of rels) {
    facts.get(r.from)?.outgoing.push(r);
    facts.get(r.to)?.incoming.push(r);
  }
  for (const d of findings) if (d.path) facts.get(d.path.split(".")[0])?.findings.push(d);
  return facts;
}

/** "`tasks.assigneeId` → **users** (many-to-one, optional, not indexed)" */
export function describe(r: DocRelationship): string {
  if (r.viaJoinTable) return `**${r.from}** ↔ **${r.to}** (many-to-many through \`${r.viaJoinTable}\`)`;
  const flags = [
    r.kind,
    r.optional ? "optional" : "",
    isDirect(r) && !r.indexed ? "not indexed" : "",
    r.external ? "system or missing table" : "",
  ];
  return `\`${r.from}.${r.path}\` → **${r.to}** (${flags.filter(Boolean).join(", ")})`;
}

/** " (created by `convex-ents`)" for a library's index on a table of the project's own (a library table says it once). */
function madeBy(t: Table, i: { generatedBy?: string }): string {
  return i.generatedBy && !t.generatedBy ? ` (created by \`${i.generatedBy}\`)` : "";
}

function tableSection(t: Table, facts: TableFacts): string[] {
  const out = [`## ${t.name}`, ""];
  if (t.description) out.push(t.description, "");
  // A library's table says where it comes from, unless its description already names the library.
  if (t.generatedBy && !t.description?.includes(t.generatedBy))
    out.push(`Created by \`${t.generatedBy}\`, not written in this project's schema.`, "");
  if (t.anyDocument) out.push("Documents are `v.any()`: their shape is not validated.", "");
  if (t.variants) out.push(`Documents are a union of ${t.variants.length} object shapes; fields below are merged.`, "");
  out.push("| Field | Type | Required | Description |", "| --- | --- | --- | --- |");
  out.push("| `_id` | `v.id(" + JSON.stringify(t.name) + ")` | yes | Document id (system field) |");
  out.push("| `_creationTime` | `v.number()` | yes | Insertion time in ms (system field) |");
  for (const f of t.fields) {
    out.push(
      `| \`${cell(f.name)}\` | \`${cell(fieldToCode(f))}\` | ${f.optional ? "no" : "yes"} | ${cell(f.description ?? "")} |`,
    );
  }
  out.push("");
  const idx = [
    ...t.indexes.map(
      (i) =>
        `| \`${cell(i.name)}\` | database | ${i.fields.map((f) => `\`${cell(f)}\``).join(", ")}${i.staged ? " (staged)" : ""}${madeBy(t, i)} |`,
    ),
    ...t.searchIndexes.map(
      (i) =>
        `| \`${cell(i.name)}\` | search | \`${cell(i.searchField)}\`${i.filterFields.length ? `; filters ${i.filterFields.map((f) => `\`${cell(f)}\``).join(", ")}` : ""} |`,
    ),
    ...t.vectorIndexes.map(
      (i) =>
        `| \`${cell(i.name)}\` | vector (${i.dimensions}) | \`${cell(i.vectorField)}\`${i.filterFields.length ? `; filters ${i.filterFields.map((f) => `\`${cell(f)}\``).join(", ")}` : ""} |`,
    ),
  ];
  out.push("### Indexes", "");
  if (idx.length) out.push("| Name | Kind | Fields |", "| --- | --- | --- |", ...idx, "");
  else out.push("No indexes besides the built-in `by_id` and `by_creation_time`.", "");
  const { outgoing, incoming } = facts;
  if (outgoing.length || incoming.length) {
    out.push("### Relationships", "");
    for (const r of outgoing) out.push(`- ${describe(r)}`);
    for (const r of incoming) if (r.from !== r.to) out.push(`- ${describe(r)}`);
    out.push("");
  }
  const mine = facts.findings;
  if (mine.length) {
    out.push("### Findings", "");
    for (const d of mine) out.push(`- ${d.severity} \`${d.code}\`: ${d.message}`);
    out.push("");
  }
  return out;
}

/** Renders SCHEMA.md. */
export function schemaMarkdown(
  model: SchemaModel,
  rels: DocRelationship[],
  findings: readonly Diagnostic[],
  version: string,
): string {
  const fieldCount = model.tables.reduce((n, t) => n + t.fields.length, 0);
  const out = [
    "# Schema",
    "",
    `Generated by Schema Assistant from \`${model.entry ?? "convex/schema.ts"}\` (schema version ${version}). Do not edit by hand: run \`schema-assistant docs\`.`,
    "",
    `${count(model.tables.length, "table")}, ${count(fieldCount, "field")}, ${count(referenceCount(model), "reference")} between tables.`,
    "",
  ];
  if (model.tables.length) {
    out.push("```mermaid", mermaidDiagram(model, rels), "```", "");
    out.push(
      "## Tables",
      "",
      ...model.tables.map(
        (t) =>
          `- [${t.name}](#${t.name.toLowerCase().replace(/[^a-z0-9_-]/g, "")})${t.description ? `: ${t.description}` : ""}`,
      ),
      "",
    );
  }
  const facts = groupFacts(model, rels, findings);
  for (const t of model.tables)
    out.push(...tableSection(t, facts.get(t.name) ?? { outgoing: [], incoming: [], findings: [] }));
  return out.join("\n").replace(/\n+$/, "\n");
}
