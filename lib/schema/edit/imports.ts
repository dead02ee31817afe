/** Imports that printed schema code relies on, added when an edit's new code needs them and the file lacks them. */
import type { Node, SourceModule } from "../parse/source";
import type { Edit } from "./text";

const NEEDED = [
  { name: "defineTable", source: "convex/server", used: /\bdefineTable\(/ },
  { name: "v", source: "convex/values", used: /(^|[^\w.$])v\.\w+\(/m },
];

/**
 * Edits adding the imports that `inserted` code uses and `module` does not bind (a schema that starts as
 * `defineSchema({})` imports neither `defineTable` nor `v`). A name joins an existing named import of its module;
 * otherwise a new import line follows the last import.
 */
export function importEdits(module: SourceModule, inserted: string): Edit[] {
  const body = (module.program.body as Node[] | undefined) ?? [];
  const imports = body.filter((n) => n.type === "ImportDeclaration");
  const edits: Edit[] = [];
  const newLines: string[] = [];
  for (const need of NEEDED) {
    if (!need.used.test(inserted) || module.bindings.has(need.name)) continue;
    const named = imports.find(
      (n) => (n.source as Node).value === need.source && n.importKind !== "type" && namedSpecifiers(n).length > 0,
    );
    if (named) {
      const last = namedSpecifiers(named).at(-1)!;
      edits.push({ start: last.end, end: last.end, text: `, ${need.name}` });
    } else {
      newLines.push(`import { ${need.name} } from "${need.source}";`);
    }
  }
  if (newLines.length) {
    const after = imports.at(-1)?.end;
    edits.push(
      after === undefined
        ? { start: 0, end: 0, text: `${newLines.join("\n")}\n` }
        : { start: after, end: after, text: `\n${newLines.join("\n")}` },
    );
  }
  return edits;
}

function namedSpecifiers(declaration: Node): Node[] {
  return ((declaration.specifiers as Node[] | undefined) ?? []).filter((s) => s.type === "ImportSpecifier");
}
