/**
 * One clause of a change request as the reader sees it: its tokens, the schema's tables and fields found in them,
 * the text with those names masked and negations folded in (`family`), and the questions every kind of change asks
 * of it (which tables, which field is the subject, which words follow a marker).
 */
import type { Field, SchemaModel, Table } from "../../../schema/model";
import { isPluralWord } from "../../designer/names";
import { type FieldMention, ground, type Mention, type TableMention } from "./ground";
import { STOP, type Token, tokens } from "./tokens";

export class Reading {
  readonly ts: Token[];
  mentions: Mention[];
  /** The token of a second new name ("rename sku to code and also to barcode"), or -1. */
  secondAt = -1;

  constructor(
    readonly text: string,
    readonly schema: SchemaModel,
    /** The table a leading "in tasks, …" or an earlier command named, for a part that names none. */
    readonly scope?: Table,
  ) {
    this.ts = tokens(text);
    this.mentions = ground(this.ts, schema, new Set());
  }

  /**
   * The text with the schema's names masked and negations folded in, for telling the operation: a field called
   * "name" is no rename, "shouldn't be mandatory" is optional and "non-optional" required.
   */
  family(): string {
    const masked = new Set<number>();
    const tables = this.tables();
    for (const m of this.mentions) {
      // A field of a table the sentence does not talk about is an ordinary word here ("a new name: bills").
      if (m.kind === "field" && tables.length && !m.hits.some((h) => tables.includes(h.table))) continue;
      for (let k = m.start; k < m.end; k++) masked.add(k);
    }
    return (
      this.ts
        .map((t, i) => (masked.has(i) ? "ITEM" : t.raw))
        .join(" ")
        .replace(/ ,/g, ",")
        // "optional rather than required": the word set aside is no second wish.
        .replace(
          /\b(?:rather than|instead of)\s+(?:being\s+)?(?:required|mandatory|compulsory|optional|nullable)\b/gi,
          "",
        )
        // "don't make phone optional", "no longer optional": the opposite.
        .replace(
          /\b(?:do not|never|not) (?:make|set|mark|keep) (?:\w+ ){0,3}?(optional|nullable|required|mandatory|compulsory|obligatory)\b/gi,
          (_m, w: string) => (/^(?:optional|nullable)$/i.test(w) ? "required" : "optional"),
        )
        // "doesn't have to be filled", "need not be set": optional.
        .replace(
          /\b(?:does not|do not|need not|needs not|will not|won't)\s+(?:have to|need to|necessarily|always)\s+(?:\w+\s+)?be\s+(?:set|filled(?: in| out)?|given|present|provided|there|known)\b/gi,
          "optional",
        )
        // "books need not have a title", "a task doesn't have to have an owner": optional.
        .replace(
          /\b(?:need not|needs not|do not need to|does not need to|do not have to|does not have to)\s+have\b/gi,
          "optional",
        )
        .replace(/\bno longer (?:be )?(?:optional|nullable)\b/gi, "required")
        .replace(/\b(?:not|no longer|never) (?:be )?(?:required|mandatory|compulsory|obligatory)\b/gi, "optional")
        .replace(
          /\b(?:stop|no longer|not|never|do not|does not) (?:requir\w*|forc\w*|enforc\w*|insist\w* on)\b/gi,
          "optional",
        )
        // "don't allow empty notes": required.
        .replace(
          /\b(?:do not|does not|never|not|no longer)\s+(?:allow|accept|permit)\s+(?:an?\s+|any\s+)?(?:empty|missing|blank|null)\b/gi,
          "required",
        )
        // "it can't be empty", "never left blank": required.
        .replace(
          /\b(?:cannot|can not|must not|should not|will not|never|not|no)\s+(?:be\s+)?(?:left\s+)?(?:empty|blank|missing|null|unset)\b/gi,
          "required",
        )
        // "don't allow interviews without a description", "no task without an assignee": required.
        .replace(
          /\b(?:do not|does not|never|cannot|can not|must not|should not|will not|no)\s+(?:\w+\s+){0,4}?without\b/gi,
          "required",
        )
        .replace(/\b(?:not|never) always (?:have|has|need|needs|get|gets|come with|be|are|is)\b/gi, "sometimes lack")
        .replace(/\b(?:non[- ]?optional|not (?:be )?optional)\b/gi, "required")
    );
  }

  /**
   * "rename title on invoices to subject" when there is no invoices table: the sentence names a table this schema
   * does not have, so nothing is guessed (the grammar says it is missing).
   */
  unknownScope(): boolean {
    if (this.tables().length) return false;
    const covered = new Set<number>();
    for (const m of this.mentions) for (let k = m.start; k < m.end; k++) covered.add(k);
    return this.ts.some(
      (t, i) =>
        i > 0 &&
        /^(?:on|in|from|of|for)$/.test(this.ts[i - 1].w) &&
        !covered.has(i) &&
        !STOP.has(t.w) &&
        (isPluralWord(t.w) || this.ts[i + 1]?.w === "table"),
    );
  }

  /** Tables mentioned, in order, once each. */
  tables(): Table[] {
    const out: Table[] = [];
    for (const m of this.mentions) if (m.kind === "table" && !out.includes(m.table)) out.push(m.table);
    if (!out.length && this.scope) out.push(this.scope);
    return out;
  }

  /** Field mentions that are not also a table mention at the same place. */
  fieldMentions(): FieldMention[] {
    return this.mentions.filter(
      (m): m is FieldMention =>
        m.kind === "field" &&
        !this.mentions.some((o) => o.kind === "table" && o.start === m.start && this.preferTable(o, m)),
    );
  }

  /**
   * "project" is the table unless another table mentioned has a field by that name (the same table said twice,
   * "rename embeddings … keep it called embeddings", is no other table).
   */
  preferTable(table: TableMention, field: FieldMention): boolean {
    const others = this.mentions.filter(
      (o) => o.kind === "table" && o.start !== table.start && o.table !== table.table,
    ) as TableMention[];
    return !field.hits.some((h) => others.some((o) => o.table === h.table));
  }

  /** The one field the sentence is about, grounded in a table named beside it (or the only table that has it). */
  subject(allowTableOnly = false, stringOnly = false): { table: Table; field: Field } | undefined {
    const tables = this.tables();
    for (const m of this.fieldMentions()) {
      let hits = m.hits.filter((h) => !stringOnly || h.field.validator.kind === "string");
      if (!hits.length) hits = m.hits;
      const inNamed = hits.filter((h) => tables.includes(h.table));
      if (inNamed.length === 1) return inNamed[0];
      if (inNamed.length > 1) {
        // Both tables named ("projects' description", "users' ... projects"): the nearest one.
        return inNamed.sort((a, b) => this.distance(m, a.table) - this.distance(m, b.table))[0];
      }
      if (hits.length === 1 && !tables.length) return hits[0];
    }
    if (allowTableOnly) return undefined;
    return undefined;
  }

  /** The subject's field and the other fields of its table the sentence lists with it, in order. */
  subjects(s: { table: Table; field: Field }): Field[] {
    const out: Field[] = [];
    for (const m of this.fieldMentions()) {
      const hit = m.hits.find((h) => h.table === s.table);
      if (hit && !out.includes(hit.field)) out.push(hit.field);
    }
    return out.includes(s.field) ? out : [s.field];
  }

  ambiguousField(): boolean {
    return this.fieldMentions().some((m) => m.hits.length > 1) && this.tables().length === 0;
  }

  distance(m: Mention, table: Table): number {
    const at = this.mentions.filter((o) => o.kind === "table" && o.table === table).map((o) => o.start);
    return Math.min(...at.map((a) => Math.abs(a - m.start)));
  }

  /** The token index of the first word after any of `markers` (a regex over one lower-case word sequence). */
  after(marker: RegExp): number[] {
    const out: number[] = [];
    const lower = this.ts.map((t) => t.w);
    for (let i = 0; i < lower.length; i++) {
      const rest = lower.slice(i).join(" ");
      const m = marker.exec(rest);
      if (m && m.index === 0) out.push(i + m[0].split(" ").length);
    }
    return out;
  }

  /** A table mention whose preceding text ends with `before`. */
  tableAfter(before: RegExp): Table | undefined {
    for (const m of this.mentions) {
      if (m.kind !== "table") continue;
      const prefix = this.ts
        .slice(0, m.start)
        .map((t) => t.w)
        .join(" ");
      if (before.test(`${prefix} `)) return m.table;
    }
    return undefined;
  }
}
