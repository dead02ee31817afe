/** Plain-text rendering of plans and preflight results for the CLI (stdout). */
import type { Field } from "../schema/model";
import { fieldToCode } from "../schema/model";
import { count } from "../text";
import type { MigrationPlan, Step } from "./plan/types";
import type { PreflightResult } from "./preflight";
import { formatValue } from "./validate";

const fieldText = (f: Field) => `${f.name}: ${fieldToCode(f)}`;

/** One line per step. */
export function describeStep(s: Step): string {
  switch (s.kind) {
    case "addTable":
      return `add table "${s.table}"`;
    case "addField":
      return `add field ${s.table}.${fieldText(s.field)}`;
    case "widenField":
      return `widen field ${s.table}.${fieldText(s.field)}`;
    case "addIndex":
      return `add index "${s.table}.${s.index.name}"${s.staged ? " (staged)" : ""}`;
    case "copyTable":
      return `copy "${s.from}" into "${s.to}" (${
        Object.entries(s.fieldMap)
          .map(([t, f]) => (t === f ? t : `${f}→${t}`))
          .join(", ") || "no fields"
      })`;
    case "backfill":
      return `backfill "${s.table}": ${s.fields
        .map((f) => {
          const src = f.source;
          const what =
            src.kind === "default"
              ? formatValue(src.value)
              : src.kind === "copy"
                ? `copy of ${src.from}`
                : src.kind === "combine"
                  ? src.how === "object"
                    ? `object { ${src.from.map((f, i) => `${src.members?.[i] ?? f}: ${f}`).join(", ")} }`
                    : src.how === "array"
                      ? `array of ${src.from.join(", ")} (those set, in order)`
                      : `${src.how} of ${src.from.join(" + ")}`
                  : src.kind === "convert"
                    ? `${src.conversion.kind}(${src.from})${src.fallback ? ` else ${formatValue(src.fallback.value)}` : ""}`
                    : "NEEDS A DECISION";
          return `${f.field} ← ${what} when ${f.when}`;
        })
        .join("; ")}`;
    case "unsetFields":
      return `remove values of ${s.fields.map((f) => `${s.table}.${f}`).join(", ")}`;
    case "deleteTable":
      return `delete all documents of "${s.table}"`;
    case "narrowField":
      return `narrow field ${s.table}.${fieldText(s.field)}`;
    case "dropField":
      return `drop field "${s.table}.${s.field}"`;
    case "dropIndex":
      return `drop index "${s.table}.${s.name}"`;
    case "enableIndex":
      return `enable index "${s.table}.${s.name}"`;
    case "dropTable":
      return `drop table "${s.table}"`;
  }
}

/** The plan as the CLI prints it. */
export function formatPlan(plan: MigrationPlan, version?: { from: string; to: string }): string {
  const out: string[] = [];
  const flags = [
    plan.destructive ? "destructive" : "non-destructive",
    plan.reversible ? "reversible" : "needs the journal to reverse",
    plan.safe ? "safe to run" : "NOT safe to run yet",
  ];
  out.push(
    `Migration plan: ${count(plan.changes.length, "change")}, semver ${plan.bump}${version ? ` (${version.from} → ${version.to})` : ""}; ${flags.join(", ")}.`,
  );
  if (plan.changes.length === 0) return `${out[0]}\nThe schemas are the same.\n`;
  if (plan.risks.length) {
    out.push("", "Risks:");
    for (const r of plan.risks)
      out.push(
        `  ${r.severity.padEnd(7)} ${r.code} ${r.message}`,
        ...(r.fixes ?? []).map((f) => `          fix: ${f.description}`),
      );
  }
  for (const phase of plan.phases) {
    out.push("", `Phase ${phase.name} (${count(phase.steps.length, "step")}):`);
    phase.steps.forEach((s, i) => out.push(`  ${i + 1}. ${describeStep(s)}`));
  }
  if (plan.warnings.length) out.push("", "Warnings:", ...plan.warnings.map((w) => `  - ${w}`));
  if (plan.decisions.length) out.push("", "Decisions needed:", ...plan.decisions.map((d) => `  - ${d.question}`));
  return out.join("\n") + "\n";
}

/** The preflight as the CLI prints it. */
export function formatPreflight(r: PreflightResult): string {
  const out = [
    `Preflight: ${count(r.checked, "document")} checked, ${r.invalid} would not match the target schema${r.ok ? " — OK" : ""}.`,
  ];
  for (const g of r.groups) {
    out.push(
      `  ${g.table}.${g.field || "(document)"} ${g.code}: ${count(g.count, "document")}, e.g. ${g.samples.join(", ")}`,
    );
    out.push(`    ${g.example.split("\n").join("\n    ")}`);
  }
  return out.join("\n") + "\n";
}
