/**
 * Stored JSON, read back validated instead of cast. Each stored shape (a schema model, a project's files, an
 * analysis, a migration plan, …) is declared once with `storedShape`: a name, a format version, a zod schema and the
 * upgrades from older versions. `parse(text, record)` returns the typed value or throws a `StoredDataError` that
 * names the record and what is wrong with it, never a half-typed object.
 *
 * Format version: an object written at version 2 or later carries `formatVersion`; a value without one is version 1
 * (everything written before versions existed), so version-1 shapes store exactly the JSON they always did.
 */
import type { z } from "zod";

/** A stored record that does not hold what its shape says: names the record, the shape and the first problems. */
export class StoredDataError extends Error {
  constructor(
    readonly record: string,
    readonly shape: string,
    readonly detail: string,
  ) {
    super(`Stored ${shape} in ${record} is not valid: ${detail}`);
    this.name = "StoredDataError";
  }
}

export interface StoredShape<T, C = undefined> {
  /** What the record holds, for messages: "schema model", "migration plan". */
  readonly name: string;
  /** The version `stringify` writes. */
  readonly version: number;
  /**
   * Parses and validates `text` (upgrading older versions); `record` names it in errors ("schemaVersions 12a…");
   * `context` is handed to the upgrades (e.g. a way to read what an old row must be recomputed from).
   */
  parse(text: string, record: string, context?: C): T;
  /** Validates an already-parsed value (e.g. one read from a file by the caller). */
  check(value: unknown, record: string, context?: C): T;
  /**
   * Whether stored text is at the current version without parsing it (for hot paths that pass the text on):
   * `stringify` writes `formatVersion` as the last key, so current text ends with it.
   */
  isCurrent(text: string): boolean;
  /** The JSON to store (with `formatVersion` from version 2 on). */
  stringify(value: T): string;
}

export interface ShapeOptions<C> {
  /**
   * Upgrades from older versions: `upgrades[n]` turns a version-n value into a version n+1 one. `context` is what
   * the reader passed to `parse`, undefined when it passed nothing.
   */
  upgrades?: Record<number, (old: unknown, context: C | undefined) => unknown>;
}

/** The stored format version of a parsed value: its `formatVersion`, or 1 when it has none. */
export function formatVersionOf(value: unknown): number {
  if (value && typeof value === "object" && !Array.isArray(value) && "formatVersion" in value) {
    const v = (value as { formatVersion: unknown }).formatVersion;
    return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : Number.NaN;
  }
  return 1;
}

/** Declares a stored shape at `version` (1 for shapes that have never changed). */
export function storedShape<T, C = undefined>(
  name: string,
  version: number,
  schema: z.ZodType<T>,
  options: ShapeOptions<C> = {},
): StoredShape<T, C> {
  const check = (raw: unknown, record: string, context?: C): T => {
    let value = raw;
    let at = formatVersionOf(value);
    if (Number.isNaN(at)) throw new StoredDataError(record, name, "formatVersion is not a positive integer");
    if (at > version)
      throw new StoredDataError(record, name, `it has format version ${at}; this code reads up to ${version}`);
    while (at < version) {
      const up = options.upgrades?.[at];
      if (!up) throw new StoredDataError(record, name, `no upgrade from format version ${at} to ${version}`);
      value = up(value, context);
      at++;
    }
    const result = schema.safeParse(value);
    if (!result.success) throw new StoredDataError(record, name, describeIssues(result.error.issues));
    return result.data;
  };
  return {
    name,
    version,
    check,
    isCurrent: (text) => (version === 1 ? true : text.endsWith(`"formatVersion":${version}}`)),
    parse(text, record, context) {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (e) {
        throw new StoredDataError(record, name, `not JSON (${e instanceof Error ? e.message : String(e)})`);
      }
      return check(raw, record, context);
    },
    stringify(value) {
      const plainObject = value !== null && typeof value === "object" && !Array.isArray(value);
      return JSON.stringify(version > 1 && plainObject ? { ...value, formatVersion: version } : value);
    },
  };
}

/** "tables.0.fields.2.validator: Invalid input; options: …" — the first three issues, each with its path. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
  return shown.join("; ") + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : "");
}

/**
 * A schema that checks the parts of a stored value its readers rely on (keys, kinds, arrays) and types the result as
 * the engine's own type `T`, for shapes too large to restate in zod (a migration plan's steps, optimizer findings).
 */
export function structural<T>(schema: z.ZodType<unknown>): z.ZodType<T> {
  return schema.transform((value) => value as T);
}
