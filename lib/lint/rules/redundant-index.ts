import type { Diagnostic, Index } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";
import type { LintRule } from "../types";
import { report } from "../util";

/** Convex appends `_creationTime` to every index, so a trailing explicit `_creationTime` changes nothing. */
function effectiveFields(index: Index): string[] {
  const f = [...index.fields];
  if (f[f.length - 1] === "_creationTime") f.pop();
  return f;
}

function isPrefix(a: string[], b: string[]): boolean {
  return a.length <= b.length && a.every((f, i) => b[i] === f);
}

/**
 * An index whose fields are a prefix of another index's fields: the longer one serves the same lookups. Identical
 * fields are a warning; a strict prefix is only info, because the shorter index orders equal prefixes by
 * `_creationTime` (e.g. "latest messages of a channel"), which the longer one cannot do and the schema alone
 * cannot tell whether code relies on it (the optimizer's OPT104 checks the functions).
 */
export const redundantIndex: LintRule = {
  code: "LINT-REDUNDANT-INDEX",
  severity: "warning",
  summary:
    "An index whose fields are a prefix of another index on the same table (Convex appends _creationTime to both).",
  check(model, options) {
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      const idx = table.indexes.filter((i) => !i.staged);
      idx.forEach((a, ai) => {
        // An index a library creates (a convex-ents edge index) cannot be removed by the project.
        if (a.generatedBy && !options.includeDependencies) return;
        const fa = effectiveFields(a);
        // Of two identical indexes the library's stays, else the earlier declared one.
        const keptOver = (b: Index, bi: number) => (!!b.generatedBy !== !!a.generatedBy ? !!b.generatedBy : bi < ai);
        // The covering index: a strictly longer one, or an identical one that is kept.
        const cover = idx.find((b, bi) => {
          if (bi === ai) return false;
          const fb = effectiveFields(b);
          return fa.length < fb.length
            ? isPrefix(fa, fb)
            : fa.length === fb.length && keptOver(b, bi) && isPrefix(fa, fb);
        });
        if (!cover) return;
        const same = effectiveFields(cover).length === fa.length;
        const operations: SchemaOperation[] = [{ op: "removeIndex", table: table.name, name: a.name }];
        const by = cover.generatedBy ? ` (created by ${cover.generatedBy})` : "";
        const message = same
          ? `Index "${table.name}.${a.name}" has the same fields as "${cover.name}"${by}, so it is redundant.`
          : `Index "${table.name}.${a.name}" is a prefix of "${table.name}.${cover.name}" [${effectiveFields(cover).join(", ")}]${by}, so it is redundant unless code relies on its "_creationTime" order.`;
        const rule = { code: this.code, severity: same ? this.severity : ("info" as const) };
        out.push(
          report(rule, message, `${table.name}.${a.name}`, a.loc ?? table.loc, [
            {
              description: same
                ? `Remove index "${a.name}" and use "${cover.name}".`
                : `Remove index "${a.name}" and query "${cover.name}" instead (results within equal prefixes are then ordered by the extra fields, not _creationTime).`,
              operations,
            },
          ]),
        );
      });
    }
    return out;
  },
};
