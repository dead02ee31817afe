/** Which fields each table's backfill writes, and with what value. */
import type { Field, Validator } from "../../schema/model";
import { validatorToCode } from "../../schema/model";
import type { RiskContext } from "../risks";
import { mayHaveRows, mayMissField } from "../risks/types";
import { nestsIdsOf, renameIdTable } from "../remap";
import { relation, subsumes } from "../subsume";
import type { TablePair } from "./widen";
import type { BackfillSource, Conversion, Decision, FieldBackfill } from "./types";

/** Backfill entries for one table pair (empty when nothing needs writing). */
export function fieldBackfills(pair: TablePair, ctx: RiskContext, tableRenames: Map<string, string>): FieldBackfill[] {
  const { old, next } = pair;
  if (!old || !next) return [];
  // Stats are keyed by the old table name: that is where the data lives.
  const statsTable = old.name;
  const oldFields = new Map(old.fields.map((f) => [f.name, f]));
  const out: FieldBackfill[] = [];
  const mustFill = (field: string) => mayHaveRows(ctx, statsTable) && mayMissField(ctx, statsTable, field);
  for (const f of next.fields) {
    const renamedFrom = pair.fieldMap.get(f.name);
    const renamedAway = [...pair.fieldMap.values()].includes(f.name);
    const prev = renamedFrom ? oldFields.get(renamedFrom) : renamedAway ? undefined : oldFields.get(f.name);
    const chosen = defaultFor(ctx, next.name, f.name);
    if (renamedFrom && prev) {
      // Copy runs on every document that lacks the new name; values that do not fit are handled below.
      out.push({ field: f.name, when: "missing", source: { kind: "copy", from: renamedFrom } });
    }
    const merge = pair.merges?.get(f.name);
    if (!prev && merge) {
      out.push({
        field: f.name,
        when: "missing",
        source: {
          kind: "combine",
          from: merge.from,
          how: merge.how,
          ...(merge.members ? { members: merge.members } : {}),
        },
      });
      // A member whose type does not hold its source (`template.variables` from a string): the object built does
      // not fit until the values are converted, so a default for the merged field is needed (or a decision).
      const unfit = merge.how === "object" ? unfitMembers(f, merge.from, merge.members ?? [], oldFields) : [];
      if (chosen) out.push({ field: f.name, when: "missing", source: chosen });
      else if (unfit.length)
        out.push({
          field: f.name,
          when: "missing",
          source: {
            kind: "decision",
            reason: `Field "${next.name}.${f.name}" is built from ${unfit.join(" and ")}, which its member does not hold: convert those values in the generated migration, or give a default for the documents whose object does not fit.`,
          },
        });
      continue;
    }
    if (!prev) {
      if (chosen) out.push({ field: f.name, when: "missing", source: chosen });
      else if (!f.optional && mustFill(f.name))
        out.push({ field: f.name, when: "missing", source: decision(next.name, f) });
      continue;
    }
    const rel = relation(prev.validator, f.validator);
    if (rel === "narrow" || rel === "change") {
      const source = convertSource(prev.validator, f.validator, f.name, chosen, tableRenames);
      // Remapped ids are still strings: they must be rewritten whether or not they look valid.
      const always = source.kind === "convert" && source.conversion.kind === "remapId";
      if (renamedFrom && !always) {
        // A rename that changes the type: the copy above skips values that do not fit, so the new field is still
        // missing there; convert them from the old field (or give the default / ask), instead of losing them.
        const fromOld = source.kind === "convert" ? { ...source, from: renamedFrom } : source;
        out.push({ field: f.name, when: "missing", source: fromOld });
      } else out.push({ field: f.name, when: always ? "always" : "invalid", source });
    }
    if (prev.optional && !f.optional && mustFill(renamedFrom ?? f.name)) {
      out.push({ field: f.name, when: "missing", source: chosen ?? decision(next.name, f) });
    }
  }
  return out;
}

/** Sources of an object merge that the member they fill does not hold (`"templateVariables" (v.string())`). */
function unfitMembers(f: Field, from: string[], members: string[], oldFields: Map<string, Field>): string[] {
  if (f.validator.kind !== "object") return [];
  const memberFields = f.validator.fields;
  return from.flatMap((name, i) => {
    const member = memberFields.find((m) => m.name === members[i]);
    const source = oldFields.get(name);
    return member && source && !subsumes(member.validator, source.validator)
      ? [
          `"${name}" (${validatorToCode(source.validator)}) into "${member.name}" (${validatorToCode(member.validator)})`,
        ]
      : [];
  });
}

function defaultFor(ctx: RiskContext, table: string, field: string): BackfillSource | undefined {
  const key = `${table}.${field}`;
  return ctx.defaults && Object.hasOwn(ctx.defaults, key) ? { kind: "default", value: ctx.defaults[key] } : undefined;
}

function decision(table: string, f: Field): BackfillSource {
  return {
    kind: "decision",
    reason: `Field "${table}.${f.name}" needs a value of type ${validatorToCode(f.validator)} for documents that do not have one.`,
  };
}

/** A conversion for values that do not fit the new type, falling back to the chosen default. */
function convertSource(
  from: Validator,
  to: Validator,
  field: string,
  chosen: BackfillSource | undefined,
  tableRenames: Map<string, string>,
): BackfillSource {
  const conversion = conversionFor(from, to, tableRenames);
  const fallback = chosen?.kind === "default" ? { value: chosen.value } : undefined;
  if (conversion) return { kind: "convert", from: field, conversion, ...(fallback ? { fallback } : {}) };
  if (chosen) return chosen;
  return {
    kind: "decision",
    reason: `Values of "${field}" that are not ${validatorToCode(to)} need a conversion or a default.`,
  };
}

/** A known conversion towards `to`, chosen by what `to` accepts. */
export function conversionFor(
  from: Validator,
  to: Validator,
  tableRenames: Map<string, string>,
): Conversion | undefined {
  const idsFrom = idTables(from);
  for (const t of idsFrom) {
    const target = tableRenames.get(t);
    if (target && subsumes(to, { kind: "id", table: target }))
      return { kind: "remapId", fromTable: t, toTable: target };
  }
  for (const [t, target] of tableRenames) {
    if (nestsIdsOf(from, t) && subsumes(to, renameIdTable(from, t, target)))
      return { kind: "remapId", fromTable: t, toTable: target, within: from };
  }
  if (to.kind === "array" && subsumes(to.element, from)) return { kind: "wrapArray" };
  if (subsumes(to, { kind: "string" })) return { kind: "toString" };
  if (subsumes(to, { kind: "number" })) return { kind: "toNumber" };
  if (subsumes(to, { kind: "int64" })) return { kind: "toInt64" };
  return undefined;
}

function idTables(v: Validator): string[] {
  if (v.kind === "id") return [v.table];
  if (v.kind === "union") return v.members.flatMap(idTables);
  return [];
}

/** Open decisions of a backfill list. */
export function decisionsOf(table: string, fields: FieldBackfill[]): Decision[] {
  return fields.flatMap((f) =>
    f.source.kind === "decision" ? [{ table, field: f.field, question: f.source.reason }] : [],
  );
}
