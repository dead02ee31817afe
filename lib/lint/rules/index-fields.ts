import type { Diagnostic, Validator } from "../../schema/model";
import type { LintRule } from "../types";
import { fieldsIncomplete, isScalar, report, resolvePath, unwrapNullable } from "../util";

const SYSTEM = new Set(["_id", "_creationTime"]);

/** Database index fields that do not exist on the table: Convex rejects the schema on push. */
export const indexFieldMissing: LintRule = {
  code: "LINT-INDEX-FIELD",
  severity: "error",
  summary: "A database index field that is not a field of the table.",
  check(model) {
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      if (table.anyDocument || fieldsIncomplete(model, table.name)) continue;
      for (const index of table.indexes) {
        for (const path of index.fields) {
          if (SYSTEM.has(path) || resolvePath(table, path)) continue;
          out.push(
            report(
              this,
              `Index "${table.name}.${index.name}" uses field "${path}", which "${table.name}" does not define.`,
              `${table.name}.${index.name}`,
              index.loc ?? table.loc,
            ),
          );
        }
      }
    }
    return out;
  },
};

function isFloatArray(v: Validator): boolean {
  const u = unwrapNullable(v);
  if (u.kind === "union") return u.members.some(isFloatArray);
  return u.kind === "array" && u.element.kind === "number";
}

/** A filter field's values must be scalars; `v.any()` may hold them, so only a declared non-scalar is wrong. */
function filterable(v: Validator): boolean {
  return unwrapNullable(v).kind === "any" || isScalar(v);
}

/**
 * Search and vector index fields: the search field must be a string, the vector field an array of float64, and
 * filter fields must exist and be scalar (filters compare by equality).
 */
export const searchIndexFields: LintRule = {
  code: "LINT-SEARCH-INDEX-FIELD",
  severity: "error",
  summary: "A search or vector index whose search/vector field or filter fields are missing or of the wrong type.",
  check(model) {
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      if (table.anyDocument) continue;
      const incomplete = fieldsIncomplete(model, table.name);
      const check = (
        indexName: string,
        loc: typeof table.loc,
        path: string,
        role: string,
        ok: (v: Validator) => boolean,
        need: string,
      ): void => {
        const where = `${table.name}.${indexName}`;
        const found = resolvePath(table, path);
        if (!found) {
          if (!incomplete)
            out.push(
              report(
                this,
                `Index "${where}" uses ${role} "${path}", which "${table.name}" does not define.`,
                where,
                loc,
              ),
            );
        } else if (!ok(found.field.validator))
          out.push(report(this, `Index "${where}" uses ${role} "${path}", which is not ${need}.`, where, loc));
      };
      for (const s of table.searchIndexes) {
        const loc = s.loc ?? table.loc;
        check(s.name, loc, s.searchField, "search field", (v) => unwrapNullable(v).kind === "string", "a string");
        for (const f of s.filterFields)
          check(s.name, loc, f, "filter field", filterable, "a scalar (string, number, boolean, id, literal)");
      }
      for (const s of table.vectorIndexes) {
        const loc = s.loc ?? table.loc;
        check(s.name, loc, s.vectorField, "vector field", isFloatArray, "an array of float64");
        for (const f of s.filterFields) {
          // Convex states no type rule for vector filter fields (VectorIndexConfig.filterFields: "additional fields to
          // index for fast filtering"); its filters are q.eq on the whole value. A non-scalar is legal, just rarely
          // what is meant: an array matches only an equal array, never one of its elements.
          const where = `${table.name}.${s.name}`;
          const found = resolvePath(table, f);
          if (!found) {
            if (!incomplete)
              out.push(
                report(
                  this,
                  `Index "${where}" uses filter field "${f}", which "${table.name}" does not define.`,
                  where,
                  loc,
                ),
              );
          } else if (!filterable(found.field.validator)) {
            out.push({
              ...report(
                this,
                `Vector index "${where}" filters on "${f}", which is not a scalar: q.eq compares the whole value, so an array matches only an equal array, never one element (Convex documents no type rule for filter fields: https://docs.convex.dev/api/interfaces/server.VectorIndexConfig).`,
                where,
                loc,
              ),
              severity: "info",
            });
          }
        }
      }
    }
    return out;
  },
};
