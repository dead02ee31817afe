/**
 * OPT104: an index whose fields equal, or are a prefix of, another index's fields. Every equality query it
 * serves, the longer index serves too; only the order of results differs. A prefix index that code reads in
 * an order-sensitive way (anything but `.unique()`, or a list whose documents are only deleted or counted) is kept,
 * with an info saying why.
 */
import type { SchemaOperation } from "../../schema/operations";
import type { Finding } from "../types";
import { tableIncomplete, usableIndexes } from "../needs";
import type { OptimizerCheck } from "./shared";
import { definedInPackage } from "./shared";
import { hasUnseenIndexUse } from "./opt105-unused-index";

export const redundantIndex: OptimizerCheck = {
  code: "OPT104",
  severity: "warning",
  name: "redundant-index",
  summary: "An index equal to, or a prefix of, another index of the table that no code needs in its own order.",
  check({ schema, analysis }) {
    const out: Finding[] = [];
    // Tables a library defines (e.g. authTables from a package) are not the project's to change.
    for (const table of schema.tables.filter((t) => !definedInPackage(t))) {
      if (tableIncomplete(schema, table.name)) continue;
      const indexes = usableIndexes(table);
      // An index OPT105 reports as unused is no reason to remove another: following both would drop the index the
      // code reads. The unused one goes (OPT105), the used one stays.
      const provablyUnused = (name: string): boolean =>
        analysis.complete &&
        analysis.functions.length > 0 &&
        !hasUnseenIndexUse(analysis, table.name, { name, kind: "index" }) &&
        !analysis.literals.includes(name) &&
        !analysis.accesses.some((a) => a.table === table.name && a.index?.name === name);
      indexes.forEach((idx, i) => {
        // An index a library creates (a convex-ents edge index) is not the project's to remove.
        if (idx.generatedBy) return;
        const longer = indexes.find((other, j) => {
          if (other === idx) return false;
          if (!other.generatedBy && !other.staged && provablyUnused(other.name) && !provablyUnused(idx.name))
            return false;
          const isPrefix =
            idx.fields.length <= other.fields.length && idx.fields.every((f, k) => other.fields[k] === f);
          // Of two identical indexes, report only the later one, or the project's own when the other is a library's.
          return isPrefix && (idx.fields.length < other.fields.length || !!other.generatedBy || j < i);
        });
        if (!longer) return;
        const same = longer.fields.length === idx.fields.length;
        const uses = analysis.accesses.filter((a) => a.table === table.name && a.index?.name === idx.name);
        // An index no code uses at all is reported as unused (OPT105) instead.
        if (
          uses.length === 0 &&
          analysis.complete &&
          analysis.functions.length > 0 &&
          !hasUnseenIndexUse(analysis, table.name, { name: idx.name, kind: "index" })
        )
          return;
        // `.unique()` has one result; a list only deleted or counted does not depend on the order either.
        const ordered = uses.filter((a) => a.terminal?.kind !== "unique" && !a.orderFree);
        if (!same && ordered.length) {
          // Kept, and said why: within its equality range it returns documents by _creationTime; the longer index
          // would return them ordered by its next field.
          const a = ordered[0];
          const how = [
            a.order ? `.order("${a.order}")` : "",
            a.terminal ? `.${a.terminal.kind}(${a.terminal.n ?? ""})` : "",
          ]
            .filter(Boolean)
            .join(" and ");
          out.push({
            code: "OPT104",
            severity: "info",
            message: `Index "${idx.name}" of "${table.name}" is a prefix of "${longer.name}" but is needed: "${a.function}" reads it with ${how}, in creation order; "${longer.name}" would return "${longer.fields[idx.fields.length]}" order instead.`,
            path: `${table.name}.${idx.name}`,
            loc: idx.loc ?? table.loc,
            functions: [...new Set(ordered.map((u) => u.function))],
          });
          return;
        }
        // Named in code the analysis did not follow: that use may rely on the order.
        if (!same && uses.length === 0 && analysis.literals.includes(idx.name)) return;
        const certain = same || (!hasUnseenIndexUse(analysis, table.name) && analysis.complete);
        const op: SchemaOperation = { op: "removeIndex", table: table.name, name: idx.name };
        const by = longer.generatedBy ? ` (created by ${longer.generatedBy})` : "";
        const free = uses.filter((a) => a.orderFree);
        const counts = free.some((a) => a.orderFree === "counted");
        const writes = free.some((a) => a.orderFree === "written");
        const why = free.length
          ? `; its reads only ${counts && writes ? "count the documents or delete/update them one by one" : counts ? "count the documents" : "delete/update the documents one by one"}, so none relies on their order`
          : "";
        out.push({
          code: "OPT104",
          severity: certain ? "warning" : "info",
          message: same
            ? `Index "${idx.name}" of "${table.name}" has the same fields as "${longer.name}"${by}.`
            : `Index "${idx.name}" of "${table.name}" is a prefix of "${longer.name}"${by}, which serves the same equality queries${why}.`,
          path: `${table.name}.${idx.name}`,
          loc: idx.loc ?? table.loc,
          ...(uses.length ? { functions: [...new Set(uses.map((u) => u.function))] } : {}),
          fixes: [
            {
              description: same
                ? `Remove "${idx.name}" and use "${longer.name}".`
                : `Remove "${idx.name}" and query "${longer.name}" instead (results then come back ordered by "${longer.fields[idx.fields.length]}").`,
              operations: [op],
            },
          ],
        });
      });
    }
    return out;
  },
};
