/**
 * One clause read as one change: each kind of change is tried in a fixed order (the first that reads it, or leaves
 * it to the grammar, decides). The order matters: a type change before a rename ("change … to"), a merge or split
 * before a removal, a removal that contradicts itself before either.
 */
import { adding } from "./add-field";
import { valuesEdit } from "./enum-values";
import { search, lookup } from "./lookup";
import { mergeOrSplit } from "./merge-split";
import type { Outcome } from "./outcome";
import { presence } from "./presence";
import type { Reading } from "./reading";
import { relating } from "./relation";
import { removal, removedAndKept } from "./remove";
import { renaming } from "./rename";
import { softDelete } from "./soft-delete";
import { typeChange } from "./type-change";

const KINDS: ((r: Reading, t: string) => Outcome)[] = [
  typeChange,
  mergeOrSplit,
  softDelete,
  removedAndKept,
  renaming,
  presence,
  search,
  lookup,
  (r) => valuesEdit(r),
  relating,
  removal,
  adding,
];

/** The canonical command for one clause, or undefined when no kind reads it whole. */
export function readClause(r: Reading): string | undefined {
  if ((!r.mentions.length && !r.scope) || r.unknownScope()) return undefined;
  const t = r.family();
  for (const kind of KINDS) {
    const out = kind(r, t);
    if (out !== undefined) return out ?? undefined;
  }
  return undefined;
}
