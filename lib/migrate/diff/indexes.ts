/** Index-level differ: database, search and vector indexes matched by name within one table pair. */
import type { Table } from "../../schema/model";
import type { Change } from "../changes";

type Named = { name: string; staged?: boolean; loc?: unknown; generatedBy?: string };

/** Changes between the indexes of `from` and `to`; field renames are applied to old definitions first. */
export function diffIndexes(from: Table, to: Table, fieldRenames: Map<string, string>): Change[] {
  const table = to.name;
  const rename = (f: string) => fieldRenames.get(f) ?? f;
  const out: Change[] = [];
  pair(
    from.indexes.map((i) => ({ ...i, fields: i.fields.map(rename) })),
    to.indexes,
    {
      add: (index) => out.push({ kind: "addIndex", table, index }),
      drop: (index) => out.push({ kind: "dropIndex", table, index: original(from.indexes, index.name) }),
      change: (a, b) => out.push({ kind: "changeIndex", table, from: original(from.indexes, a.name), to: b }),
    },
  );
  const search = from.searchIndexes.map((i) => ({
    ...i,
    searchField: rename(i.searchField),
    filterFields: i.filterFields.map(rename),
  }));
  pair(search, to.searchIndexes, {
    add: (index) => out.push({ kind: "addSearchIndex", table, index }),
    drop: (index) => out.push({ kind: "dropSearchIndex", table, index: original(from.searchIndexes, index.name) }),
    change: (a, b) => out.push({ kind: "changeSearchIndex", table, from: original(from.searchIndexes, a.name), to: b }),
  });
  const vector = from.vectorIndexes.map((i) => ({
    ...i,
    vectorField: rename(i.vectorField),
    filterFields: i.filterFields.map(rename),
  }));
  pair(vector, to.vectorIndexes, {
    add: (index) => out.push({ kind: "addVectorIndex", table, index }),
    drop: (index) => out.push({ kind: "dropVectorIndex", table, index: original(from.vectorIndexes, index.name) }),
    change: (a, b) => out.push({ kind: "changeVectorIndex", table, from: original(from.vectorIndexes, a.name), to: b }),
  });
  return out;
}

function original<T extends Named>(list: T[], name: string): T {
  const found = list.find((i) => i.name === name);
  if (!found) throw new Error(`Index "${name}" vanished while diffing.`);
  return found;
}

function pair<T extends Named>(
  olds: T[],
  news: T[],
  on: { add: (i: T) => void; drop: (i: T) => void; change: (a: T, b: T) => void },
): void {
  const newByName = new Map(news.map((i) => [i.name, i]));
  const oldNames = new Set(olds.map((i) => i.name));
  for (const a of olds) {
    const b = newByName.get(a.name);
    if (!b) on.drop(a);
    else if (indexKey(a) !== indexKey(b)) on.change(a, b);
  }
  for (const b of news) if (!oldNames.has(b.name)) on.add(b);
}

/**
 * Identity of an index definition, ignoring its location and provenance (a model stored before `generatedBy`
 * existed describes the same index); staging counts: unstaging is a change.
 */
function indexKey(i: Named): string {
  const { loc: _loc, generatedBy: _by, ...rest } = i;
  return JSON.stringify(rest, Object.keys(rest).sort());
}
