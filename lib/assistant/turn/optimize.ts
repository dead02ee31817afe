/**
 * "make it faster", "why is listing tasks slow": the optimizer over the project's functions, its index advice
 * proposed as schema operations, and the code rewrites that would use them. Measured reads rank the answer when
 * the backend has them; sampled statistics sharpen the estimates.
 */
import { count } from "../../text";
import { optimizeProject, planCodemod, type Finding } from "../../optimize";
import type { SchemaModel } from "../../schema/model";
import { applyOperations, type SchemaOperation } from "../../schema/operations";
import { words } from "../designer/names";
import { finalizeProposal } from "../proposal";
import type { Proposal, ProposalHooks, TurnFinding } from "../types";
import { functionFiles, place, reportProposal, type ProjectContext } from "./context";

const SHOWN = 8;

export function optimizeAnswer(request: string, project: ProjectContext, hooks: ProposalHooks = {}): Proposal {
  const fns = functionFiles(project);
  if (Object.keys(fns).length === 0) {
    return reportProposal(
      project,
      "optimize",
      "I could not look for slow queries: the project has no Convex function files besides the schema. The optimizer reads the ctx.db calls of your queries and mutations (convex/*.ts); add them to the project (upload, CLI in the project folder) and ask again.",
      { ran: ["optimizer: no function files to read"], confidence: 0.5 },
      hooks,
    );
  }
  const schemaFile = project.schemaFile ?? "convex/schema.ts";
  const files = { ...(project.files ?? {}) };
  // The same entry, with the same inputs, as the dashboard's query insights (convex/optimizer/runNode.ts), so both
  // propose the same indexes: the advisor's additions.
  const { analysis, findings, advice, measured } = optimizeProject({
    files,
    schema: project.schema,
    stats: project.stats,
    measurements: project.measurements,
    aliases: project.aliases,
  });
  const focus = focusTables(
    request,
    project.schema,
    analysis.functions.map((f) => f.name),
  );
  const relevant = (table: string | undefined, functions: string[] = []) =>
    focus.size === 0 ||
    (table !== undefined && focus.has(table)) ||
    functions.some((f) => focus.has(f.split(":")[0]) || focus.has(f));
  const slow = findings.filter(
    (f) => f.code !== "OPT105" && f.code !== "OPT104" && relevant(f.path?.split(".")[0], f.functions),
  );
  const unused = findings.filter((f) => f.code === "OPT105" || f.code === "OPT104");

  const operations = indexOperations(
    project.schema,
    advice.filter((a) => a.action === "add" && relevant(a.table)).flatMap((a) => a.operations),
  );
  const plan =
    files[schemaFile] !== undefined
      ? planCodemod({ files, schema: project.schema, schemaFile, analysis, advice, aliases: project.aliases })
      : undefined;
  const rewrites = (plan?.rewrites ?? []).filter((r) => relevant(undefined, r.functions));

  const counted = `${count(analysis.functions.length, "function")} in ${count(Object.keys(fns).length, "file")}`;
  const ran = [
    `optimizer (static analysis of ${counted}${project.stats ? ", with statistics sampled from the project's data" : ""})`,
  ];
  if (measured) ran.push(`measured reads from the backend (${count(measured.length, "query pattern")})`);
  const lines: string[] = [];
  const scope = focus.size ? ` for ${[...focus].map((t) => `"${t}"`).join(", ")}` : "";
  if (measured?.length) {
    const worst = measured.filter((m) => m.waste > 0 && relevant(m.table, [m.function])).slice(0, 5);
    if (worst.length)
      lines.push(
        "Measured on the backend (documents read but not returned):",
        ...worst.map(
          (m) =>
            `- ${m.function} on "${m.table}" ${m.index ? `via ${m.index}` : "with a full table scan"}: ${m.scanned} read, ${m.returned} returned over ${count(m.calls, "call")}`,
        ),
      );
  }
  if (slow.length) {
    lines.push(
      `Slow or risky reads${scope} (${slow.length}):`,
      ...slow
        .slice(0, SHOWN)
        .map(
          (f) =>
            `- ${place({ file: f.loc?.file, line: f.loc?.line, path: f.path })} ${f.code}: ${f.message}${f.functions?.length ? ` [${f.functions.join(", ")}]` : ""}`,
        ),
    );
    if (slow.length > SHOWN)
      lines.push(`- … and ${slow.length - SHOWN} more (schema-assistant optimize lists them all).`);
  } else {
    lines.push(
      `The optimizer found no slow reads${scope}: every query it could follow uses an index or reads a bounded number of documents.`,
    );
  }
  if (focus.size) {
    const served = analysis.accesses.filter(
      (a) =>
        a.mode === "read" &&
        a.operation === "query" &&
        (a.index || a.search) &&
        relevant(a.table, [a.function]) &&
        !slow.some((f) => f.functions?.includes(a.function)),
    );
    if (served.length)
      lines.push(
        `Already served by an index: ${served.map((a) => `${a.function} (${a.index?.name ?? a.search?.name}${a.terminal?.n !== undefined ? `, ${a.terminal.kind} ${a.terminal.n}` : ""}) at ${a.loc.file}:${a.loc.line}`).join("; ")}.`,
      );
  }
  if (operations.length)
    lines.push(
      `Proposed: ${operations.map((o) => (o.op === "addIndex" ? `index "${o.index.name}" on "${o.table}" (${o.index.fields.join(", ")})` : o.op)).join("; ")}. Approving adds ${operations.length === 1 ? "it" : "them"} to the schema.`,
    );
  if (rewrites.length)
    lines.push(
      "Then rewrite these reads to use the index:",
      ...rewrites
        .slice(0, SHOWN)
        .map((r) => `- ${r.file}:${r.loc.line} [${r.functions.join(", ")}]: .${r.before.trim()} → .${r.after.trim()}`),
      "(schema-assistant optimize --auto writes the index and these rewrites.)",
    );
  if (unused.length && focus.size === 0)
    lines.push(
      `${count(unused.length, "index")} ${unused.length === 1 ? "is" : "are"} unused or redundant (${unused
        .slice(0, 4)
        .map((f) => f.path ?? "")
        .filter(Boolean)
        .join(
          ", ",
        )}${unused.length > 4 ? ", …" : ""}); they cost writes, but I left them: code the analysis could not follow may use them.`,
    );
  if (analysis.notAnalysed.length)
    lines.push(
      `${count(analysis.notAnalysed.length, "place")} could not be followed (e.g. ${place({ file: analysis.notAnalysed[0].loc.file, line: analysis.notAnalysed[0].loc.line })}: ${analysis.notAnalysed[0].reason}).`,
    );
  const explanation = [`Ran the optimizer on ${counted}.`, ...lines].join("\n");
  const turnFindings: TurnFinding[] = [...slow, ...(focus.size ? [] : unused)].map(toTurnFinding);
  const p = finalizeProposal(
    project.schema,
    {
      operations,
      explanation,
      confidence: 0.9,
      source: "designer",
      assumptions: operations.length
        ? [
            "New indexes are backfilled when deployed; large tables may take a while (use staged indexes above 100k documents).",
          ]
        : [],
    },
    hooks,
  );
  return { ...p, intent: "optimize", ran, findings: turnFindings };
}

export function toTurnFinding(f: Finding): TurnFinding {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    ...(f.loc ? { file: f.loc.file, line: f.loc.line } : {}),
    ...(f.path ? { path: f.path } : {}),
    ...(f.functions?.length ? { functions: f.functions } : {}),
  };
}

/** Index additions that apply to the schema, without duplicates (same table and fields) or name clashes. */
function indexOperations(schema: SchemaModel, candidates: SchemaOperation[]): SchemaOperation[] {
  const out: SchemaOperation[] = [];
  const seen = new Set<string>();
  for (const op of candidates) {
    if (op.op !== "addIndex") continue;
    const key = `${op.table}:${op.index.fields.join(",")}`;
    if (seen.has(key)) continue;
    if (!applyOperations(schema, [...out, op]).ok) continue;
    seen.add(key);
    out.push(op);
  }
  return out;
}

/** Tables (and functions) the request names: "why is listing tasks slow" → tasks. Empty: the whole project. */
function focusTables(request: string, schema: SchemaModel, functions: string[]): Set<string> {
  const ws = new Set(words(request));
  const out = new Set<string>();
  for (const t of schema.tables) {
    const tw = words(t.name);
    const last = tw[tw.length - 1];
    if (tw.slice(0, -1).every((w) => ws.has(w)) && (ws.has(last) || ws.has(last.replace(/s$/, "")))) out.add(t.name);
  }
  for (const f of functions) if (ws.has(f.toLowerCase()) || ws.has(f.split(":")[1]?.toLowerCase() ?? "")) out.add(f);
  return out;
}
