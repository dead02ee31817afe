/**
 * Preflight: would the data pass the target schema after the plan's backfills? Runs every document through
 * the compiled transforms and validators (no writes) and groups failures by table, field and error.
 */
import type { SchemaModel } from "../schema/model";
import { findTable } from "../schema/model";
import { isDataStep, type DataStep, type MigrationPlan } from "./plan/types";
import { compileBackfill } from "./transform";
import { compileTable, explainDocument, type Doc, type ValidateOptions, type ValidationCode } from "./validate";

export interface PreflightGroup {
  table: string;
  field: string;
  code: ValidationCode;
  count: number;
  /** Up to 5 document ids. */
  samples: string[];
  /** One full Convex message, for display. */
  example: string;
}

export interface PreflightResult {
  ok: boolean;
  checked: number;
  invalid: number;
  perTable: Record<string, { checked: number; invalid: number }>;
  groups: PreflightGroup[];
}

export interface PreflightOptions extends ValidateOptions {
  /** Extra backfill / unset steps to apply when `target` is a bare schema. */
  backfills?: DataStep[];
}

/** Documents by table: `[["users", docs], ...]` or any iterable of pairs (generators work). */
export type DocumentsByTable = Iterable<readonly [string, Iterable<Doc>]>;
export type AsyncDocumentsByTable = AsyncIterable<readonly [string, AsyncIterable<Doc> | Iterable<Doc>]>;

/** Checks every document against the target (after the plan's data steps). */
export function preflight(
  target: MigrationPlan | SchemaModel,
  docs: DocumentsByTable,
  opts: PreflightOptions = {},
): PreflightResult {
  const acc = new Accumulator(target, opts);
  for (const [table, list] of docs) {
    const check = acc.checker(table);
    for (const d of list) check(d);
  }
  return acc.result();
}

/** `preflight` over async sources (a store, an export ZIP). */
export async function preflightAsync(
  target: MigrationPlan | SchemaModel,
  docs: AsyncDocumentsByTable,
  opts: PreflightOptions = {},
): Promise<PreflightResult> {
  const acc = new Accumulator(target, opts);
  for await (const [table, list] of docs) {
    const check = acc.checker(table);
    for await (const d of list) check(d);
  }
  return acc.result();
}

const isPlan = (x: MigrationPlan | SchemaModel): x is MigrationPlan => "phases" in x;

class Accumulator {
  private readonly model: SchemaModel;
  private readonly steps: DataStep[];
  private readonly groups = new Map<string, PreflightGroup>();
  private readonly perTable: PreflightResult["perTable"] = {};
  private checked = 0;
  private invalid = 0;

  constructor(
    target: MigrationPlan | SchemaModel,
    private readonly opts: PreflightOptions,
  ) {
    this.model = isPlan(target) ? target.to : target;
    this.steps = isPlan(target) ? target.phases.flatMap((p) => p.steps.filter(isDataStep)) : (opts.backfills ?? []);
  }

  /** A per-document function for documents stored in `table` (the table's name before the migration). */
  checker(table: string): (d: Doc) => void {
    const copy = this.steps.find((s) => s.kind === "copyTable" && s.from === table);
    const deleted = this.steps.some((s) => s.kind === "deleteTable" && s.table === table);
    const stats = (this.perTable[table] ??= { checked: 0, invalid: 0 });
    if (deleted && !copy) return () => void stats.checked++;
    const dest = copy?.kind === "copyTable" ? copy.to : table;
    const t = findTable(this.model, dest);
    const transforms = this.steps.flatMap((s) =>
      s.kind === "backfill" && s.table === dest && t ? [compileBackfill(t, s.fields, this.opts)] : [],
    );
    const unset = this.steps.flatMap((s) => (s.kind === "unsetFields" && s.table === dest ? s.fields : []));
    const map = copy?.kind === "copyTable" ? Object.entries(copy.fieldMap) : undefined;
    const valid = t ? compileTable(t, this.opts) : () => !this.model.options.schemaValidation;
    const simple = !map && transforms.length === 0 && unset.length === 0;
    const unsetSet = new Set(unset);
    return (original) => {
      this.checked++;
      stats.checked++;
      let d = original;
      if (!simple) {
        // Build the migrated document without mutating or deleting (keeps objects fast for the validator).
        const base = map ? mapDoc(original, map) : original;
        let patch: Record<string, unknown> | null = null;
        for (const tr of transforms) {
          const p = tr(patch ? { ...base, ...patch } : base);
          if (p) patch = patch ? Object.assign(patch, p) : p;
        }
        if (patch || unsetSet.size) {
          const out: Doc = {};
          for (const k in base) if (!unsetSet.has(k)) out[k] = base[k];
          if (patch) for (const k in patch) out[k] = patch[k];
          d = out;
        }
      }
      if (!this.model.options.schemaValidation || valid(d)) return;
      this.invalid++;
      stats.invalid++;
      this.record(table, dest, d);
    };
  }

  private record(table: string, dest: string, d: Doc): void {
    const t = findTable(this.model, dest);
    const errors = t
      ? explainDocument(t, d, this.opts)
      : [
          {
            code: "unknownTable" as const,
            field: "",
            documentId: String(d._id),
            message: `Table "${dest}" is not in the schema.`,
          },
        ];
    for (const e of errors) {
      const field = e.field ?? "";
      const key = `${table}\u0000${field}\u0000${e.code}`;
      let g = this.groups.get(key);
      if (!g) this.groups.set(key, (g = { table, field, code: e.code, count: 0, samples: [], example: e.message }));
      g.count++;
      if (g.samples.length < 5 && e.documentId) g.samples.push(e.documentId);
    }
  }

  result(): PreflightResult {
    const groups = [...this.groups.values()].sort(
      (a, b) => a.table.localeCompare(b.table) || a.field.localeCompare(b.field) || a.code.localeCompare(b.code),
    );
    return { ok: this.invalid === 0, checked: this.checked, invalid: this.invalid, perTable: this.perTable, groups };
  }
}

function mapDoc(d: Doc, map: [string, string][]): Doc {
  const out: Doc = { _id: d._id, _creationTime: d._creationTime };
  for (const [to, from] of map) if (d[from] !== undefined) out[to] = d[from];
  return out;
}
