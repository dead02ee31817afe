/**
 * ImportPlan → SchemaModel, plus the layout the data engine follows (which column feeds which field) and the
 * uniqueness checks Convex cannot enforce by itself.
 */
import { emptySchema, type Diagnostic, type Field, type Index, type SchemaModel, type Table } from "../schema/model";
import { markDeferred } from "./graph";
import { indexName, uniqueName } from "./naming";
import { count, plural } from "../text";
import { diag, droppedPrimaryKey, type ImportPlan, type PlanColumn, type PlanForeignKey, type PlanTable } from "./plan";

/** How one Convex field is filled from a source row. */
export type FieldSource =
  | { kind: "value"; column: PlanColumn; field: string; optional: boolean }
  | { kind: "ref"; fk: PlanForeignKey; field: string; optional: boolean };

export interface TableLayout {
  plan: PlanTable;
  fields: FieldSource[];
  /** The dropped single-column primary key, kept in `legacyId` when `legacyIds` is on. */
  legacyId?: PlanColumn;
}

/** A unique constraint turned into an index plus a generated check. */
export interface UniqueCheck {
  table: string;
  index: string;
  fields: string[];
  /** Fields that may be absent: the check is skipped when any is (SQL lets NULLs repeat). */
  optionalFields: string[];
}

export interface FinalizeOptions {
  /** Keep the old primary key in an optional `legacyId` field with an index (on when data is imported). */
  legacyIds?: boolean;
}

export interface Finalized {
  schema: SchemaModel;
  layouts: TableLayout[];
  uniqueChecks: UniqueCheck[];
  diagnostics: Diagnostic[];
}

/** Turns a plan into the Convex schema model. The plan's foreign keys are marked `deferred` where cycles need it. */
export function finalizePlan(plan: ImportPlan, options: FinalizeOptions = {}): Finalized {
  const diagnostics: Diagnostic[] = [...plan.diagnostics];
  renameClashes(plan, diagnostics);
  checkForeignKeys(plan, diagnostics);
  for (const { table, fk } of markDeferred(plan.tables)) {
    diagnostics.push(
      diag(
        "IMP-CYCLE-OPTIONAL",
        "warning",
        `Reference "${table.name}.${fk.field}" is required but part of a reference cycle: it is made optional so rows can be inserted first and patched after.`,
        `${table.name}.${fk.field}`,
        fk.loc,
        "Make the field required again once the data is imported.",
      ),
    );
  }
  const schema = emptySchema();
  const layouts: TableLayout[] = [];
  const uniqueChecks: UniqueCheck[] = [];
  for (const t of plan.tables) {
    const layout = layoutTable(t, options, diagnostics);
    layouts.push(layout);
    const table = tableOf(plan, layout);
    addIndexes(layout, table, uniqueChecks, diagnostics);
    schema.tables.push(table);
  }
  return { schema, layouts, uniqueChecks, diagnostics };
}

/** Two sources can map to one Convex name (`Person` and `People` → `people`): later ones get a suffix. */
function renameClashes(plan: ImportPlan, diagnostics: Diagnostic[]): void {
  const taken = new Set<string>();
  for (const t of plan.tables) {
    const name = uniqueName(t.name, taken);
    if (name === t.name) continue;
    diagnostics.push(
      diag(
        "IMP-NAME-CLASH",
        "warning",
        `Table "${t.source}" would be named "${t.name}", which is taken; it is named "${name}".`,
        name,
        t.loc,
        "Rename the table in the generated schema.",
      ),
    );
    t.name = name;
  }
}

function checkForeignKeys(plan: ImportPlan, diagnostics: Diagnostic[]): void {
  for (const t of plan.tables) {
    t.foreignKeys = t.foreignKeys.filter((fk) => {
      const target = plan.tables.find((x) => x.source === fk.target);
      const path = `${t.name}.${fk.field}`;
      if (!target) {
        diagnostics.push(
          diag(
            "IMP-UNKNOWN-TABLE",
            "error",
            `Reference "${path}" points to table "${fk.target}", which is not defined.`,
            path,
            fk.loc,
          ),
        );
        return false;
      }
      if (fk.targetColumns.length === 0) fk.targetColumns = target.primaryKey;
      if (fk.targetColumns.length !== fk.columns.length) {
        diagnostics.push(
          diag(
            "IMP-FK-SHAPE",
            "error",
            `Reference "${path}" has ${count(fk.columns.length, "column")} but "${target.source}" is keyed by ${fk.targetColumns.length}.`,
            path,
            fk.loc,
          ),
        );
        return false;
      }
      return true;
    });
  }
}

function layoutTable(t: PlanTable, options: FinalizeOptions, diagnostics: Diagnostic[]): TableLayout {
  const dropped = droppedPrimaryKey(t);
  const taken = new Set<string>();
  const fields: FieldSource[] = [];
  for (const c of t.columns) {
    if (c === dropped) continue;
    const fk = t.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === c.source);
    if (fk) fields.push({ kind: "ref", fk, field: uniqueName(fk.field, taken), optional: fk.optional });
    else fields.push({ kind: "value", column: c, field: uniqueName(c.field, taken), optional: c.nullable });
    const path = `${t.name}.${c.field}`;
    if (c.default !== undefined) {
      diagnostics.push(
        diag(
          "IMP-DEFAULT",
          "info",
          `Field "${path}" had default ${c.default}: Convex has no column defaults, so inserts must set it.`,
          path,
          c.loc,
        ),
      );
    }
    if (c.updatedAt)
      diagnostics.push(
        diag(
          "IMP-UPDATED-AT",
          "info",
          `Field "${path}" was @updatedAt: every write must set it to Date.now().`,
          path,
          c.loc,
        ),
      );
  }
  for (const fk of t.foreignKeys) {
    if (fk.columns.length > 1)
      fields.push({ kind: "ref", fk, field: uniqueName(fk.field, taken), optional: fk.optional });
  }
  for (const f of fields) if (f.kind === "ref") f.fk.field = f.field;
  const layout: TableLayout = { plan: t, fields };
  if (dropped) {
    const keep = options.legacyIds
      ? ` Its values are kept in "${t.name}.legacyId" (indexed) while importing data.`
      : "";
    diagnostics.push(
      diag(
        "IMP-PK-DROPPED",
        "info",
        `Primary key "${t.source}.${dropped.source}" is replaced by Convex's "_id".${keep}`,
        `${t.name}._id`,
        dropped.loc,
      ),
    );
    if (options.legacyIds) layout.legacyId = dropped;
  } else if (t.primaryKey.length > 1) {
    diagnostics.push(
      diag(
        "IMP-COMPOSITE-PK",
        "info",
        `Composite primary key (${t.primaryKey.join(", ")}) of "${t.source}" becomes a unique index with a generated uniqueness check.`,
        t.name,
        t.loc,
      ),
    );
  } else if (t.primaryKey.length === 0 && !t.joinTable) {
    diagnostics.push(
      diag(
        "IMP-NO-PK",
        "info",
        `Table "${t.source}" has no primary key; rows are identified by their position when importing data.`,
        t.name,
        t.loc,
      ),
    );
  }
  return layout;
}

function tableOf(plan: ImportPlan, layout: TableLayout): Table {
  const fields: Field[] = layout.fields.map((f) => {
    const target = f.kind === "ref" ? plan.tables.find((t) => t.source === f.fk.target) : undefined;
    const field: Field = {
      name: f.field,
      validator: f.kind === "ref" ? { kind: "id", table: target?.name ?? f.fk.target } : f.column.validator,
      optional: f.optional,
    };
    const loc = f.kind === "ref" ? f.fk.loc : f.column.loc;
    if (loc) field.loc = loc;
    // Keep the mapping visible in the schema itself when the name changed.
    const columns = f.kind === "ref" ? f.fk.columns : [f.column.source];
    const docs =
      f.kind === "value"
        ? f.column.description
        : plan.tables.find((t) => t === layout.plan)?.columns.find((c) => c.source === columns[0])?.description;
    const mapping =
      columns.length > 1 || columns[0] !== f.field
        ? `Imported from ${plural(columns.length, "column")} ${columns.map((c) => `"${c}"`).join(", ")}.`
        : undefined;
    const description = [docs, mapping].filter(Boolean).join(" ");
    if (description) field.description = description;
    return field;
  });
  if (layout.legacyId) {
    fields.push({
      name: "legacyId",
      validator: layout.legacyId.validator,
      optional: true,
      description: `Old primary key "${layout.legacyId.source}", kept while importing data.`,
    });
  }
  const t = layout.plan;
  const from = t.origin !== t.source ? `"${t.source}" (${t.origin})` : `"${t.source}"`;
  const description = [t.description, `Imported from ${t.joinTable ? "implicit many-to-many table " : ""}${from}.`]
    .filter(Boolean)
    .join(" ");
  return {
    name: t.name,
    fields,
    indexes: [],
    searchIndexes: [],
    vectorIndexes: [],
    description,
    ...(t.loc ? { loc: t.loc } : {}),
  };
}

/** Source columns → Convex fields; undefined when a column is the dropped primary key (then `_id` covers it). */
function fieldsFor(layout: TableLayout, columns: string[]): string[] | undefined {
  const out: string[] = [];
  for (const col of columns) {
    const f = layout.fields.find((x) =>
      x.kind === "value" ? x.column.source === col : x.fk.columns.length === 1 && x.fk.columns[0] === col,
    );
    if (!f) return undefined;
    out.push(f.field);
  }
  return out;
}

function addIndexes(layout: TableLayout, table: Table, checks: UniqueCheck[], diagnostics: Diagnostic[]): void {
  const t = layout.plan;
  const lists: { fields: string[]; unique: boolean; loc?: Index["loc"] }[] = [];
  const push = (fields: string[] | undefined, unique: boolean, loc?: Index["loc"]) => {
    if (!fields || fields.length === 0) return;
    const same = lists.find((l) => l.fields.join() === fields.join());
    if (same) same.unique ||= unique;
    else lists.push({ fields, unique, loc });
  };
  if (t.primaryKey.length > 1 || (t.primaryKey.length === 1 && !layout.legacyId && !droppedPrimaryKey(t)))
    push(fieldsFor(layout, t.primaryKey), true, t.loc);
  for (const u of t.uniques) push(fieldsFor(layout, u.columns), true, u.loc);
  for (const i of t.indexes) push(fieldsFor(layout, i.columns), false, i.loc);
  for (const f of layout.fields) {
    if (f.kind === "ref" && !lists.some((l) => l.fields[0] === f.field)) push([f.field], false, f.fk.loc);
  }
  if (layout.legacyId) push(["legacyId"], false);
  const names = new Set<string>();
  for (const l of lists) {
    const name = uniqueName(indexName(l.fields).slice(0, 60), names);
    table.indexes.push({ name, fields: l.fields, ...(l.loc ? { loc: l.loc } : {}) });
    if (!l.unique) continue;
    const optionalFields = l.fields.filter((f) => table.fields.find((x) => x.name === f)?.optional);
    checks.push({ table: table.name, index: name, fields: l.fields, optionalFields });
    diagnostics.push(
      diag(
        "IMP-UNIQUE",
        "info",
        `Unique constraint on "${table.name}" (${l.fields.join(", ")}) becomes index "${name}" plus a generated uniqueness check: Convex has no unique constraints.`,
        `${table.name}.${name}`,
        l.loc,
        "Call the generated ensureUnique helper in every mutation that writes these fields.",
      ),
    );
  }
  for (const u of [...t.uniques, ...t.indexes]) {
    if (!fieldsFor(layout, u.columns)) {
      diagnostics.push(
        diag(
          "IMP-INDEX-SKIPPED",
          "info",
          `Index or constraint on "${t.source}" (${u.columns.join(", ")}) includes the primary key, which Convex's "_id" already makes unique; it is not recreated.`,
          table.name,
          u.loc,
        ),
      );
    }
  }
}
