/** Prisma-style warning sentences for the CLI and the top of generated migration code. */
import { validatorToCode } from "../../schema/model";
import type { Change, MergeHow } from "../changes";
import type { RiskContext } from "../risks";
import { formatValue } from "../validate";
import type { Step } from "./types";

const count = (ctx: RiskContext, table: string): string => {
  const n = ctx.stats?.tables[table]?.count;
  return n === undefined ? "" : ` (${n} documents)`;
};

/** One sentence per change that loses or rewrites data, plus one per chosen default. */
export function describeWarnings(changes: Change[], ctx: RiskContext, backfill: Step[]): string[] {
  const out: string[] = [];
  for (const c of changes) {
    if (c.kind === "dropTable")
      out.push(
        `You are about to drop the table "${c.table}"${count(ctx, c.table)}. All the data in the table will be lost.`,
      );
    if (c.kind === "mergeFields") {
      out.push(
        `Fields ${c.from.map((f) => `"${c.table}.${f}"`).join(" and ")} are combined into "${c.to}" (${mergeText(c.how, c.from, c.members)}), then removed; code that reads them must change.`,
      );
    }
    if (c.kind === "dropField" && ctx.merges?.[`${c.table}.${c.field.name}`]) continue;
    if (c.kind === "dropField") {
      const n = ctx.stats?.tables[c.table]?.present?.[c.field.name];
      out.push(
        `You are about to drop the field "${c.table}.${c.field.name}"${n === undefined ? "" : `, which holds ${n} values`}. All the data in the field will be lost.`,
      );
    }
    if (c.kind === "renameTable")
      out.push(`Table "${c.from}" is renamed to "${c.to}": its documents are copied and get new _id values.`);
    if (c.kind === "renameField")
      out.push(`Field "${c.table}.${c.from}" is renamed to "${c.to}"; values are copied, then "${c.from}" is removed.`);
    if (c.kind === "narrowType" || c.kind === "changeType") {
      out.push(
        `Field "${c.table}.${c.field}" changes from ${validatorToCode(c.from)} to ${validatorToCode(c.to)}; values that do not fit are converted or replaced.`,
      );
    }
  }
  for (const s of backfill) {
    if (s.kind !== "backfill") continue;
    for (const f of s.fields) {
      if (f.source.kind === "default") {
        const which = f.when === "missing" ? `without "${f.field}"` : `whose "${f.field}" does not fit the new type`;
        out.push(`Documents of "${s.table}" ${which} get the value ${formatValue(f.source.value)}.`);
      }
      if (f.source.kind === "decision") out.push(`Undecided: ${f.source.reason}`);
      if (f.source.kind === "convert" && f.source.conversion.kind === "remapId" && f.source.conversion.within) {
        const c = f.source.conversion;
        out.push(
          `Ids of "${c.fromTable}" inside "${s.table}.${f.field}" (arrays, objects or records) are remapped to the copies in "${c.toTable}" by Schema Assistant's runner; the generated @convex-dev/migrations code cannot and leaves a TODO there.`,
        );
      }
      if (f.source.kind === "convert" && !f.source.fallback && f.source.conversion.kind !== "remapId") {
        out.push(
          `Values of "${s.table}.${f.field}" that cannot be converted (${f.source.conversion.kind}) have no default; the preflight counts them (--default ${s.table}.${f.field}=VALUE).`,
        );
      }
    }
  }
  return out;
}

/** How a merge combines its sources, in words. */
function mergeText(how: MergeHow, from: string[], members: string[] = []): string {
  switch (how) {
    case "sum":
      return "their sum";
    case "concat":
      return "joined with a space";
    case "first":
      return "the first one set";
    case "object":
      return `an object { ${from.map((f, i) => `${members[i] ?? f}: ${f}`).join(", ")} }`;
    case "array":
      return "an array of those set, in this order";
  }
}
