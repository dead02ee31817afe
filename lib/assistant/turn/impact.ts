/**
 * "what breaks if I rename tasks.title", "can I remove labels?", "which functions use dueDate": the question is
 * phrased as a migration `Change` and answered by the migration planner's `planImpact` (the one place that decides
 * which accesses a change touches, so the chat and a migration plan agree), plus what the schema itself ties to it
 * (references, indexes) and what happens to existing documents.
 */
import { count } from "../../text";
import { planImpact } from "../../migrate/impact";
import type { Change } from "../../migrate/changes";
import { analyzeProject } from "../../optimize";
import type { Field, SchemaModel, Table } from "../../schema/model";
import { resolveFieldLoose, resolveTableLoose, type FollowUpContext, locateField } from "../designer/resolve";
import type { Proposal, ProposalHooks, TurnFinding } from "../types";
import { functionFiles, place, reportProposal, type ProjectContext } from "./context";

type Action = "rename" | "remove" | "change" | "use";
const SHOWN = 12;

export function impactAnswer(
  action: Action,
  target: string,
  project: ProjectContext,
  hooks: ProposalHooks = {},
): Proposal {
  const { schema } = project;
  const what = resolveTarget(target, schema);
  // "can we rename name?" when several tables have one: which (a question naming them), not the first.
  if (what && "question" in what)
    return reportProposal(project, "impact", "Nothing is checked yet: the field is in several tables.", {
      questions: [what.question],
      confidence: 0.3,
    });
  if (!what) {
    return reportProposal(
      project,
      "impact",
      `I could not find "${target}" in the schema, so I cannot say what uses it.`,
      {
        questions: [
          `Which table or field do you mean? Tables: ${schema.tables
            .slice(0, 12)
            .map((t) => `"${t.name}"`)
            .join(", ")}${schema.tables.length > 12 ? ", …" : ""}.`,
        ],
        confidence: 0.3,
      },
      hooks,
    );
  }
  const fns = functionFiles(project);
  const analysis = Object.keys(fns).length
    ? analyzeProject({ files: project.files ?? {}, aliases: project.aliases }, { schema })
    : undefined;
  const findings: TurnFinding[] = planImpact([asChange(action, what)], analysis?.accesses ?? [], schema)
    .flatMap((i) => i.uses)
    .map((u) => ({ message: u.detail, file: u.loc.file, line: u.loc.line, functions: [u.function] }));
  const label = what.field ? `"${what.table.name}.${what.field.name}"` : `table "${what.table.name}"`;
  const lines: string[] = [];

  if (!what.field) {
    for (const ref of references(schema, what.table))
      findings.push({
        message: `"${ref.table}.${ref.field}" references it (v.id("${what.table.name}"))`,
        path: `${ref.table}.${ref.field}`,
        ...(ref.loc ? { file: ref.loc.file, line: ref.loc.line } : {}),
      });
  } else {
    const field = what.field.name;
    for (const i of what.table.indexes.filter((x) => x.fields.includes(field)))
      findings.push({
        message: `index "${i.name}" (${i.fields.join(", ")}) includes it`,
        path: `${what.table.name}.${i.name}`,
        ...(i.loc ? { file: i.loc.file, line: i.loc.line } : {}),
      });
    for (const i of what.table.searchIndexes.filter((x) => x.searchField === field || x.filterFields.includes(field)))
      findings.push({ message: `search index "${i.name}" uses it`, path: `${what.table.name}.${i.name}` });
    for (const i of what.table.vectorIndexes.filter((x) => x.vectorField === field || x.filterFields.includes(field)))
      findings.push({ message: `vector index "${i.name}" uses it`, path: `${what.table.name}.${i.name}` });
  }

  const verb =
    action === "use"
      ? "uses"
      : action === "rename"
        ? `breaks if you rename`
        : action === "remove"
          ? "breaks if you remove"
          : "is affected if you change";
  const counted = analysis
    ? `${count(analysis.functions.length, "function")} in ${count(Object.keys(fns).length, "file")}`
    : "no function files";
  if (findings.length === 0) {
    lines.push(
      `Nothing in ${analysis ? `${counted} or in the schema` : "the schema"} ${action === "use" ? "uses" : "depends on"} ${label}.${analysis?.notAnalysed.length ? ` (${count(analysis.notAnalysed.length, "place")} could not be followed; check them by hand.)` : ""}`,
    );
  } else {
    lines.push(`What ${verb} ${label} (${count(findings.length, "place")}):`);
    for (const f of findings.slice(0, SHOWN))
      lines.push(`- ${place(f) || f.path}${f.functions?.length ? ` ${f.functions.join(", ")}` : ""}: ${f.message}`);
    if (findings.length > SHOWN) lines.push(`- … and ${findings.length - SHOWN} more.`);
  }
  if (action !== "use") lines.push(dataNote(action, what.table, what.field));
  if (!analysis) lines.push("The project has no function files here, so only the schema was checked.");
  const ran = [analysis ? `optimizer access analysis (${counted})` : "schema references only (no function files)"];
  return reportProposal(project, "impact", lines.join("\n"), { ran, findings, confidence: 0.9 }, hooks);
}

function resolveTarget(
  target: string,
  schema: SchemaModel,
): { table: Table; field?: Field } | { question: string } | undefined {
  const t = target
    .replace(/^(?:the|a|an)\s+/i, "")
    .replace(/\s+(?:table|collection)$/i, "")
    .trim();
  const fieldish = /\.|\s(?:on|in|of|from)\s|'s?\s/i.test(t) || /\s+(?:field|column)$/i.test(target);
  if (!fieldish) {
    const table = resolveTableLoose(schema, t);
    if (table) return { table };
  }
  const ctx: FollowUpContext = { schema, operations: [], notes: [], assumptions: [], questions: [], entities: [] };
  const ref = locateField(t, ctx, "check");
  if (ref) return { table: ref.table, field: ref.field };
  const several = ctx.questions.find((q) => q.startsWith("Several tables have"));
  if (several) return { question: several };
  const table = resolveTableLoose(schema, t);
  if (table) return { table };
  for (const tbl of schema.tables) {
    const f = resolveFieldLoose(tbl, t);
    if (f) return { table: tbl, field: f };
  }
  return undefined;
}

/**
 * The question as a migration change: rename and remove are what they say; "change" a field is a type change; "use"
 * asks for everything that would break if it went (reads, filters, indexes, writes that set it), as a drop does.
 */
function asChange(action: Action, what: { table: Table; field?: Field }): Change {
  const table = what.table.name;
  if (!what.field)
    return action === "rename"
      ? { kind: "renameTable", from: table, to: table, confidence: 1 }
      : { kind: "dropTable", table, def: what.table };
  const field = what.field;
  if (action === "rename")
    return { kind: "renameField", table, from: field.name, to: field.name, field, previous: field, confidence: 1 };
  if (action === "change")
    return { kind: "changeType", table, field: field.name, from: field.validator, to: field.validator };
  return { kind: "dropField", table, field };
}

function references(
  schema: SchemaModel,
  table: Table,
): { table: string; field: string; loc?: { file: string; line: number } }[] {
  const out: { table: string; field: string; loc?: { file: string; line: number } }[] = [];
  for (const t of schema.tables) {
    for (const f of t.fields) {
      if (JSON.stringify(f.validator).includes(`"table":"${table.name}"`))
        out.push({ table: t.name, field: f.name, ...(f.loc ? { loc: f.loc } : {}) });
    }
  }
  return out;
}

function dataNote(action: Action, table: Table, field?: Field): string {
  const name = field ? `"${table.name}.${field.name}"` : `"${table.name}"`;
  if (action === "rename")
    return field
      ? `Existing documents keep ${name} under the old name until a migration copies it; approve the rename to get a migration plan.`
      : `Renaming a table copies its documents to the new table in a migration; every ctx.db.query/insert above names the table and must change with it (calls by id keep working).`;
  if (action === "remove")
    return field
      ? `Removing ${name} drops its values from existing documents (a migration plan is created when you approve).`
      : `Dropping ${name} deletes all its documents; the references above would point at nothing.`;
  return `Changing ${name} can make existing documents fail validation; the migration planner checks them before anything runs.`;
}
