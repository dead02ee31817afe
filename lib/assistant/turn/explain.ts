/** "explain the tasks table", "describe my schema": what the schema holds, in words, with its lint findings. */
import { count } from "../../text";
import { lintSchema } from "../../lint";
import { validatorToCode, type SchemaModel, type Table } from "../../schema/model";
import { resolveTableLoose } from "../designer/resolve";
import type { Proposal, ProposalHooks } from "../types";
import { reportProposal, type ProjectContext } from "./context";

export function explainAnswer(target: string, project: ProjectContext, hooks: ProposalHooks = {}): Proposal {
  const { schema } = project;
  const table = /^(?:(?:my|the|this|our)\s+)?(?:schema|tables|data model|database|model)$/i.test(target.trim())
    ? undefined
    : resolveTableLoose(schema, target);
  const lint = (hooks.lint ?? lintSchema)(schema);
  const lines = table ? describeTable(schema, table) : describeSchema(schema);
  const related = lint.filter((d) => !table || (d.path ?? "").split(".")[0] === table.name);
  if (related.length)
    lines.push(
      `Lint: ${related
        .slice(0, 5)
        .map((d) => `${d.code} ${d.message}`)
        .join(" · ")}${related.length > 5 ? " · …" : ""}`,
    );
  return reportProposal(
    project,
    "explain",
    lines.join("\n"),
    {
      ran: [
        table ? `schema model of "${table.name}"` : `schema model (${count(schema.tables.length, "table")})`,
        "lint",
      ],
      confidence: 1,
    },
    hooks,
  );
}

function describeSchema(schema: SchemaModel): string[] {
  const lines = [`The schema has ${count(schema.tables.length, "table")}:`];
  for (const t of schema.tables.slice(0, 40)) {
    const refs = [...new Set(t.fields.flatMap((f) => (f.validator.kind === "id" ? [f.validator.table] : [])))];
    lines.push(
      `- ${t.name}: ${count(t.fields.length, "field")}${refs.length ? `, references ${refs.join(", ")}` : ""}${t.indexes.length ? `, ${count(t.indexes.length, "index")}` : ""}`,
    );
  }
  if (schema.tables.length > 40) lines.push(`- … and ${schema.tables.length - 40} more.`);
  return lines;
}

function describeTable(schema: SchemaModel, table: Table): string[] {
  const lines = [`"${table.name}" stores ${count(table.fields.length, "field")} (plus _id and _creationTime):`];
  for (const f of table.fields)
    lines.push(
      `- ${f.name}${f.optional ? " (optional)" : ""}: ${validatorToCode(f.validator)}${f.description ? ` — ${f.description}` : ""}`,
    );
  const incoming = schema.tables.flatMap((t) =>
    t.fields
      .filter((f) => f.validator.kind === "id" && f.validator.table === table.name)
      .map((f) => `${t.name}.${f.name}`),
  );
  if (incoming.length) lines.push(`Referenced by: ${incoming.join(", ")}.`);
  const idx = [
    ...table.indexes.map((i) => `${i.name} (${i.fields.join(", ")})`),
    ...table.searchIndexes.map((i) => `search ${i.name} (${i.searchField})`),
    ...table.vectorIndexes.map((i) => `vector ${i.name} (${i.vectorField})`),
  ];
  lines.push(idx.length ? `Indexes: ${idx.join(", ")}.` : "No indexes: every read scans the table.");
  return lines;
}
