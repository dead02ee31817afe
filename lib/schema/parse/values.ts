/** Values the static evaluator computes for expressions of a schema's source files. */
import type { SchemaOptions, SourceLocation, Table, Validator } from "../model";
import type { EntState } from "./ents";
import type { Node, SourceModule } from "./source";
import type { ZodVal } from "./zod";

/** Where a table came from in source: used by the surgical editor. */
export interface TableMeta {
  mod: SourceModule;
  /** the `defineTable(...)` call */
  call: Node;
  /** the object literal the document's fields come from (inline, or a constant), and its module */
  doc?: Node;
  docMod?: SourceModule;
  /** the whole table expression including chained `.index(...)` calls */
  chain: Node;
  /** property node per field name, when written in `doc` */
  fieldProps: Map<string, Node>;
  /** set when the document could not be resolved statically (read as `v.any()` with a warning) */
  unresolved?: boolean;
  /** `.index(...)`-style calls per index name: the member property and the call */
  indexCalls: Map<string, { property: Node; call: Node; object: Node; mod: SourceModule }>;
}

export interface Entry {
  key: string;
  value: Val;
  loc?: SourceLocation;
  description?: string;
  prop?: Node;
  mod?: SourceModule;
}

export type Builtin =
  | "v"
  | "defineTable"
  | "defineSchema"
  | "literals"
  | "nullableHelper"
  | "brandedString"
  | "deprecated"
  | "Table"
  | "defineEnt"
  | "defineEntSchema"
  | "defineEntFromTable"
  | "defineEntsFromTables"
  /** zod's `z` namespace: the installed major, Zod 3 (`zod/v3`), Zod 4 (`zod/v4`) */
  | "zod"
  | "zod3"
  | "zod4"
  /** convex-helpers' zod helpers (see zod.ts) */
  | "zid3"
  | "zid4"
  | "zodToConvex"
  | "zodToConvexFields"
  | "zodOutputToConvex"
  | "zodOutputToConvexFields";

export type Val =
  | { t: "validator"; v: Validator; optional: boolean }
  | { t: "object"; entries: Map<string, Entry>; node?: Node; mod?: SourceModule }
  | { t: "array"; items: Val[] }
  | { t: "lit"; value: string | number | boolean | null | undefined; bigint?: boolean }
  /** `ent` is set for a convex-ents `defineEnt(...)`: its edges and deletion behaviour */
  | { t: "table"; table: Table; meta: TableMeta; ent?: EntState }
  | {
      t: "schema";
      tables: Table[];
      options: SchemaOptions;
      metas: Map<Table, TableMeta & { prop?: Node }>;
      call: Node;
      mod: SourceModule;
      tablesNode?: Node;
    }
  | { t: "fn"; node: Node; scope: Scope; name: string }
  /** `method` is set for a builder taken as a value, e.g. `v.literal` in `xs.map(v.literal)` */
  | { t: "builtin"; name: Builtin; method?: string }
  | { t: "module"; mod: SourceModule }
  /** a zod schema with its Convex conversions (zod.ts) */
  | ZodVal
  | { t: "unknown"; reason: string; node: Node; mod: SourceModule };

/** A lexical scope: function parameters and locals, falling back to the module's top-level bindings. */
export interface Scope {
  mod: SourceModule;
  vars?: Map<string, Val>;
  parent?: Scope;
}

export function unknown(reason: string, node: Node, mod: SourceModule): Val {
  return { t: "unknown", reason, node, mod };
}

/** Short source text of a node for messages (first line, at most 60 characters). */
export function snippet(mod: SourceModule, node: Node): string {
  const text = mod.source.slice(node.start, node.end).split("\n")[0];
  return text.length > 60 ? text.slice(0, 57) + "..." : text;
}
