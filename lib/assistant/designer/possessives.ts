/**
 * Possessives name a parent: "pets, their vaccinations and vet visits", "each course and its lessons", "a gym's
 * trainers". After the design is planned, each record named as another's gets a reference to it (with the index
 * the reference needs) when the two new tables are not linked yet.
 */
import type { SchemaOperation } from "../../schema/operations";
import { referencedTables } from "../../schema/model";
import { idField, indexName, singularPhrase, words } from "./names";

type CreateTable = Extract<SchemaOperation, { op: "createTable" }>;

const USERS = new Set(["user", "account", "profile", "member", "person"]);

/** Adds the references possessives state (see the file comment); returns the operations and assumptions. */
export function applyPossessives(
  text: string,
  operations: SchemaOperation[],
): { operations: SchemaOperation[]; assumptions: string[] } {
  const creates = new Map<string, CreateTable>();
  for (const o of operations) if (o.op === "createTable") creates.set(singularPhrase(words(o.table).join(" ")), o);
  if (creates.size < 2) return { operations, assumptions: [] };
  const changed = new Map<string, CreateTable>();
  const current = (c: CreateTable): CreateTable => changed.get(c.table) ?? c;
  const assumptions: string[] = [];
  const link = (child: CreateTable, parent: CreateTable): void => {
    if (child.table === parent.table || USERS.has(singularPhrase(words(parent.table).join(" ")))) return;
    const c = current(child);
    const p = current(parent);
    const refs = (t: CreateTable, to: string): boolean =>
      (t.fields ?? []).some((f) => referencedTables(f.validator).includes(to));
    if (refs(c, p.table) || refs(p, c.table)) return;
    const field = idField(p.table);
    if ((c.fields ?? []).some((f) => f.name === field)) return;
    const indexes = c.indexes ?? [];
    changed.set(c.table, {
      ...c,
      fields: [...(c.fields ?? []), { name: field, validator: { kind: "id", table: p.table }, optional: false }],
      indexes: indexes.some((i) => i.fields[0] === field)
        ? indexes
        : [...indexes, { name: indexName([field]), fields: [field] }],
    });
    assumptions.push(
      `"${c.table}.${field}" links each of them to its ${singularPhrase(p.table)}, as the request says.`,
    );
  };
  for (const sentence of text.split(/[.!?;\n]+(?=\s|$)|\n+/)) {
    const tokens = (
      sentence
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .toLowerCase()
        .replace(/['’]s\b/g, " 's")
        .match(/'s|[a-z0-9][a-z0-9-]*|[,()]/g) ?? []
    ).map((t) => (t === "'s" ? t : t));
    // Table mentions: [start, end) → table, two-word names first.
    const mentions: Array<{ start: number; end: number; table: CreateTable }> = [];
    for (let k = 0; k < tokens.length; k++) {
      const two = k + 1 < tokens.length ? creates.get(singularPhrase(`${tokens[k]} ${tokens[k + 1]}`)) : undefined;
      const one = creates.get(singularPhrase(tokens[k]));
      if (two) mentions.push({ start: k, end: k + 2, table: two }), k++;
      else if (one && /^[a-z]/.test(tokens[k])) mentions.push({ start: k, end: k + 1, table: one });
    }
    for (let i = 0; i < mentions.length; i++) {
      const m = mentions[i];
      // "a gym's trainers"
      if (tokens[m.end] === "'s") {
        const next = mentions[i + 1];
        if (next && next.start === m.end + 1) link(next.table, m.table);
      }
      // "pets, their vaccinations and vet visits"; "each course and its lessons"
      if (/^(?:their|its)$/.test(tokens[m.start - 1] ?? "")) {
        const owner = [...mentions.slice(0, i)].reverse().find((o) => o.table.table !== m.table.table);
        if (!owner) continue;
        link(m.table, owner.table);
        // The list the possessive opens: "their vaccinations and vet visits".
        let prev = m;
        for (const n of mentions.slice(i + 1)) {
          const between = tokens.slice(prev.end, n.start);
          if (!between.length || !between.every((t) => /^(?:,|and|or)$/.test(t))) break;
          link(n.table, owner.table);
          prev = n;
        }
      }
    }
  }
  if (!changed.size) return { operations, assumptions };
  return {
    operations: operations.map((o) =>
      o.op === "createTable" && changed.has(o.table) ? (changed.get(o.table) ?? o) : o,
    ),
    assumptions,
  };
}
