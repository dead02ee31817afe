import type { Diagnostic } from "../../schema/model";
import { CONVEX_LIMITS, RESERVED_INDEX_NAMES } from "../limits";
import type { LintRule } from "../types";
import { allFields, report } from "../util";

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
// Nested object keys: non-control ASCII, not starting with "$" or "_" (v.object JSDoc, convex 1.48).
const NESTED_KEY = /^[\x20-\x7e]+$/;

function fieldProblem(name: string, topLevel: boolean): string | undefined {
  if (name.startsWith("_")) return `starts with "_", which Convex reserves for system fields`;
  if (name.startsWith("$")) return `starts with "$", which Convex reserves for internal use`;
  if (topLevel && !IDENTIFIER.test(name))
    return 'is not a valid identifier (letters, digits and "_", starting with a letter)';
  if (!topLevel && !NESTED_KEY.test(name)) return "must be non-empty and use only non-control ASCII characters";
  return undefined;
}

/** Field and index names Convex rejects: leading "_" or "$", invalid characters, the built-in index names. */
export const reservedNames: LintRule = {
  code: "LINT-RESERVED-NAME",
  severity: "error",
  summary: 'A field or index name Convex rejects: a leading "_" or "$", invalid characters, or a built-in index name.',
  check(model) {
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      for (const { field, path, topLevel, loc } of allFields(table)) {
        const problem = fieldProblem(field.name, topLevel);
        if (problem) out.push(report(this, `Field name "${path}" ${problem}.`, path, loc));
      }
      const indexes = [...table.indexes, ...table.searchIndexes, ...table.vectorIndexes];
      for (const index of indexes) {
        const path = `${table.name}.${index.name}`;
        const loc = index.loc ?? table.loc;
        if ((RESERVED_INDEX_NAMES as readonly string[]).includes(index.name)) {
          out.push(
            report(this, `Index name "${path}" is reserved: Convex defines "${index.name}" on every table.`, path, loc),
          );
        } else if (index.name.startsWith("_")) {
          out.push(report(this, `Index name "${path}" starts with "_", which Convex reserves.`, path, loc));
        } else if (!IDENTIFIER.test(index.name)) {
          out.push(
            report(
              this,
              `Index name "${path}" is not a valid identifier (letters, digits and "_", starting with a letter).`,
              path,
              loc,
            ),
          );
        }
      }
    }
    return out;
  },
};

/** Table names must be identifiers that do not start with "_" (docs: "Table and index names must be valid identifiers"). */
export const invalidTableName: LintRule = {
  code: "LINT-TABLE-NAME",
  severity: "error",
  summary: 'A table name that is not a valid identifier or starts with "_" (reserved for system tables).',
  check(model) {
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      if (table.name.startsWith("_")) {
        out.push(
          report(
            this,
            `Table name "${table.name}" starts with "_", which Convex reserves for system tables.`,
            table.name,
            table.loc,
          ),
        );
      } else if (!IDENTIFIER.test(table.name)) {
        out.push(
          report(
            this,
            `Table name "${table.name}" is not a valid identifier (letters, digits and "_", starting with a letter).`,
            table.name,
            table.loc,
          ),
        );
      }
    }
    return out;
  },
};

/** Names longer than Convex's identifier limit. */
export const nameLength: LintRule = {
  code: "LINT-LIMIT-NAME-LENGTH",
  severity: "error",
  summary: `A table, index or top-level field name longer than Convex's ${CONVEX_LIMITS.identifierLength}-character limit.`,
  check(model) {
    const max = CONVEX_LIMITS.identifierLength;
    const out: Diagnostic[] = [];
    const check = (kind: string, name: string, path: string, loc: (typeof model.tables)[number]["loc"]): void => {
      if (name.length > max) {
        out.push(
          report(
            this,
            `${kind} name "${path}" has ${name.length} characters; Convex allows at most ${max}.`,
            path,
            loc,
          ),
        );
      }
    };
    for (const table of model.tables) {
      check("Table", table.name, table.name, table.loc);
      for (const f of table.fields) check("Field", f.name, `${table.name}.${f.name}`, f.loc ?? table.loc);
      for (const i of [...table.indexes, ...table.searchIndexes, ...table.vectorIndexes]) {
        check("Index", i.name, `${table.name}.${i.name}`, i.loc ?? table.loc);
      }
    }
    return out;
  },
};
