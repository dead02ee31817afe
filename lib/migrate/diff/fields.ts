/** Field-level differ: adds, drops, confirmed renames, type and optionality changes of one table pair. */
import type { Field, Table } from "../../schema/model";
import type { Change, MergeHow } from "../changes";
import { documentValidator, relation } from "../subsume";

/** Confirmed merge: old fields `from` combined into the new field `to` (table named as in the target schema). */
export interface FieldMerge {
  table: string;
  from: string[];
  to: string;
  how: MergeHow;
  /** For `how: "object"`: the member each source fills (parallel to `from`). */
  members?: string[];
}

/** A confirmed field rename inside one table (names as in the old and new table). */
export interface FieldRename {
  table: string;
  from: string;
  to: string;
  confidence?: number;
}

/** Changes between the fields of `from` and `to` (the same table, possibly renamed). */
export function diffFields(from: Table, to: Table, renames: FieldRename[], merges: FieldMerge[] = []): Change[] {
  const table = to.name;
  const out: Change[] = [];
  for (const m of merges.filter((x) => x.table === table)) {
    const field = to.fields.find((f) => f.name === m.to);
    if (field)
      out.push({
        kind: "mergeFields",
        table,
        from: m.from,
        to: m.to,
        field,
        how: m.how,
        ...(m.members ? { members: m.members } : {}),
      });
  }
  const renameByOld = new Map(renames.filter((r) => r.table === table).map((r) => [r.from, r]));
  const renamedNew = new Set([...renameByOld.values()].map((r) => r.to));
  const newByName = new Map(to.fields.map((f) => [f.name, f]));
  const oldByName = new Map(from.fields.map((f) => [f.name, f]));
  for (const old of from.fields) {
    const rename = renameByOld.get(old.name);
    const next = rename ? newByName.get(rename.to) : renamedNew.has(old.name) ? undefined : newByName.get(old.name);
    if (!next) {
      out.push({ kind: "dropField", table, field: old });
      continue;
    }
    if (rename) {
      out.push({
        kind: "renameField",
        table,
        from: old.name,
        to: next.name,
        field: next,
        previous: old,
        confidence: rename.confidence ?? 1,
      });
    }
    out.push(...fieldPairChanges(table, old, next));
  }
  for (const f of to.fields) {
    const claimed = renamedNew.has(f.name) || (oldByName.has(f.name) && !renameByOld.has(f.name));
    if (!claimed) out.push({ kind: "addField", table, field: f });
  }
  out.push(...documentShapeChange(from, to, out));
  return out;
}

/** Type, optionality and description changes of one field that kept its identity. */
export function fieldPairChanges(table: string, old: Field, next: Field): Change[] {
  const out: Change[] = [];
  const field = next.name;
  const rel = relation(old.validator, next.validator);
  if (rel !== "equal") {
    const kind = rel === "widen" ? "widenType" : rel === "narrow" ? "narrowType" : "changeType";
    out.push({ kind, table, field, from: old.validator, to: next.validator });
  }
  if (old.optional && !next.optional) out.push({ kind: "makeRequired", table, field, validator: next.validator });
  if (!old.optional && next.optional) out.push({ kind: "makeOptional", table, field, validator: next.validator });
  if ((old.description ?? "") !== (next.description ?? "")) {
    out.push({ kind: "changeDescription", table, field, from: old.description, to: next.description });
  }
  return out;
}

/** Union-of-objects / `v.any()` tables: report a document change the merged field view did not express. */
function documentShapeChange(from: Table, to: Table, fieldChanges: Change[]): Change[] {
  const shaped = from.anyDocument || to.anyDocument || from.variants?.length || to.variants?.length;
  if (!shaped) return [];
  const rel = relation(documentValidator(from), documentValidator(to));
  if (rel === "equal") return [];
  const dataChanges = fieldChanges.filter((c) => c.kind !== "changeDescription");
  // A plain field change already explains a widening; variants that narrow need their own step.
  if (rel === "widen" && dataChanges.length > 0) return [];
  return [{ kind: "changeDocument", table: to.name, relation: rel }];
}
