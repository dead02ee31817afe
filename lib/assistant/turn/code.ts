/** "generate CRUD for tasks": the code generator's functions and validators, with the command that writes them. */
import { count } from "../../text";
import { generateForRequest } from "../codegen-intent";
import type { Proposal, ProposalHooks } from "../types";
import { reportProposal, type ProjectContext } from "./context";

export function codeAnswer(request: string, project: ProjectContext, hooks: ProposalHooks = {}): Proposal {
  const code = generateForRequest(request, project.schema);
  if (!code) {
    return reportProposal(
      project,
      "code",
      "There are no tables to generate code for yet.",
      {
        questions: ["Which tables should the app have? Describe them first, then ask for CRUD functions."],
        confidence: 0.3,
        ran: ["code generator: nothing to generate"],
      },
      hooks,
    );
  }
  const lines = code.tables.map(
    (t) =>
      `- ${t.table} → convex/${t.module}.ts: ${t.functions.join(", ")}${t.owner ? ` (rows owned through "${t.owner}")` : ""}`,
  );
  const notes = [...code.tables.flatMap((t) => t.notes), ...code.todos.map((t) => t.message)];
  const explanation = [
    `Generated Convex functions for ${code.tablesAsked.map((t) => `"${t}"`).join(", ")}:`,
    ...lines,
    ...(notes.length ? ["", "Notes:", ...notes.map((n) => `- ${n}`)] : []),
    "",
    `To write them into your project (with convex-test tests): schema-assistant generate . --tables ${code.tablesAsked.join(",")} --with-tests`,
  ].join("\n");
  const p = reportProposal(
    project,
    "code",
    explanation,
    {
      ran: [
        `code generator (${count(Object.keys(code.files).length, "file")} for ${count(code.tablesAsked.length, "table")})`,
      ],
      confidence: 1,
    },
    hooks,
  );
  return { ...p, code: { files: code.files, tables: code.tablesAsked } };
}
