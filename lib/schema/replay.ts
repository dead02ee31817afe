/**
 * "Rebase on current": the changes a proposal made to the version it was proposed on, as schema operations to
 * apply again on the version that is current now. Changes no operation expresses (merged fields, a changed
 * document union, schema options) are reported, so nothing is dropped silently.
 */
import type { SchemaOperation } from "./operations";
import { diffSchemas } from "../migrate/diff";
import type { SchemaModel } from "./model";

export type Replay = { ok: true; operations: SchemaOperation[] } | { ok: false; errors: string[] };

export function replayOperations(base: SchemaModel, proposed: SchemaModel): Replay {
  const operations: SchemaOperation[] = [];
  const errors: string[] = [];
  for (const c of diffSchemas(base, proposed)) {
    switch (c.kind) {
      case "addTable":
        operations.push({
          op: "createTable",
          table: c.table,
          fields: c.def.fields,
          indexes: c.def.indexes,
          ...(c.def.description ? { description: c.def.description } : {}),
        });
        for (const index of c.def.searchIndexes ?? []) operations.push({ op: "addSearchIndex", table: c.table, index });
        for (const index of c.def.vectorIndexes ?? []) operations.push({ op: "addVectorIndex", table: c.table, index });
        break;
      case "dropTable":
        operations.push({ op: "dropTable", table: c.table });
        break;
      case "renameTable":
        operations.push({ op: "renameTable", from: c.from, to: c.to });
        break;
      case "addField":
        operations.push({ op: "addField", table: c.table, field: c.field });
        break;
      case "dropField":
        operations.push({ op: "removeField", table: c.table, field: c.field.name });
        break;
      case "renameField":
        operations.push({ op: "renameField", table: c.table, from: c.from, to: c.to });
        break;
      case "widenType":
      case "narrowType":
      case "changeType":
        operations.push({ op: "changeFieldType", table: c.table, field: c.field, validator: c.to });
        break;
      case "makeOptional":
      case "makeRequired":
        operations.push({ op: "setOptional", table: c.table, field: c.field, optional: c.kind === "makeOptional" });
        break;
      case "addIndex":
        operations.push({ op: "addIndex", table: c.table, index: c.index });
        break;
      case "dropIndex":
      case "dropSearchIndex":
      case "dropVectorIndex":
        operations.push({ op: "removeIndex", table: c.table, name: c.index.name });
        break;
      case "changeIndex":
        operations.push(
          { op: "removeIndex", table: c.table, name: c.from.name },
          { op: "addIndex", table: c.table, index: c.to },
        );
        break;
      case "addSearchIndex":
        operations.push({ op: "addSearchIndex", table: c.table, index: c.index });
        break;
      case "changeSearchIndex":
        operations.push(
          { op: "removeIndex", table: c.table, name: c.from.name },
          { op: "addSearchIndex", table: c.table, index: c.to },
        );
        break;
      case "addVectorIndex":
        operations.push({ op: "addVectorIndex", table: c.table, index: c.index });
        break;
      case "changeVectorIndex":
        operations.push(
          { op: "removeIndex", table: c.table, name: c.from.name },
          { op: "addVectorIndex", table: c.table, index: c.to },
        );
        break;
      case "changeDescription":
        if (c.to !== undefined)
          operations.push({
            op: "setDescription",
            table: c.table,
            ...(c.field ? { field: c.field } : {}),
            description: c.to,
          });
        break;
      case "mergeFields":
        errors.push(
          `Merging ${c.from.map((f) => `${c.table}.${f}`).join(" + ")} into ${c.table}.${c.to} cannot be replayed; propose it again.`,
        );
        break;
      case "changeDocument":
        errors.push(`The document shape of "${c.table}" changed in a way no operation expresses; propose it again.`);
        break;
      case "changeOptions":
        errors.push("The schema options changed; propose them again.");
        break;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, operations };
}
