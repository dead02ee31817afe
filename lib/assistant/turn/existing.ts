/**
 * A design that names tables the project already has ("a blog with posts, comments, tags and authors" when
 * `comments` exists): the reply says each was kept rather than created again, what was done with it, and asks
 * whether the new tables should use it when nothing links them.
 */
import type { SchemaModel } from "../../schema/model";
import { words } from "../designer/names";
import type { Proposal } from "../types";

export function reportExistingTables(request: string, before: SchemaModel, proposal: Proposal): Proposal {
  const created = proposal.operations.flatMap((o) => (o.op === "createTable" ? [o.table] : []));
  if (created.length === 0) return proposal;
  const ws = words(request);
  const text = ` ${ws.join(" ")} `;
  const notes: string[] = [];
  const questions: string[] = [];
  for (const t of before.tables) {
    const tw = words(t.name);
    const singular = [...tw.slice(0, -1), tw[tw.length - 1].replace(/s$/, "")].join(" ");
    if (!text.includes(` ${tw.join(" ")} `) && !text.includes(` ${singular} `)) continue;
    const linked = proposal.schema.tables
      .filter(
        (n) =>
          created.includes(n.name) && n.fields.some((f) => JSON.stringify(f.validator).includes(`"table":"${t.name}"`)),
      )
      .map((n) => n.name);
    const touched = proposal.operations.filter((o) => "table" in o && o.table === t.name && o.op !== "createTable");
    if (touched.length)
      notes.push(
        `Table "${t.name}" already exists, so it was kept and extended (${touched.map((o) => o.op).join(", ")}) instead of created again.`,
      );
    else if (linked.length)
      notes.push(
        `Table "${t.name}" already exists, so it was kept as it is; ${linked.map((n) => `"${n}"`).join(", ")} reference${linked.length === 1 ? "s" : ""} it.`,
      );
    else {
      notes.push(`Table "${t.name}" already exists, so I kept it as it is instead of creating a second one.`);
      const owners = t.fields
        .filter((f) => f.validator.kind === "id")
        .map((f) => (f.validator as { table: string }).table);
      questions.push(
        `Should the new tables (${created.map((c) => `"${c}"`).join(", ")}) use the existing "${t.name}"${owners.length ? ` (today it belongs to ${[...new Set(owners)].map((o) => `"${o}"`).join(", ")})` : ""}, for example by adding a reference to it, or should they get their own table?`,
      );
    }
  }
  if (notes.length === 0) return proposal;
  return {
    ...proposal,
    explanation: [proposal.explanation, ...notes].filter(Boolean).join(" "),
    questions: [...proposal.questions, ...questions],
    confidence: questions.length ? Math.min(proposal.confidence, 0.6) : proposal.confidence,
  };
}
