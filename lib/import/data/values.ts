/**
 * Raw source values → Convex values, following a column's Conversion.
 *
 * Text sources (COPY, INSERT literals, CSV) give strings in PostgreSQL's text forms (`t`, `{a,b}`, `\x0aff`,
 * `2024-01-02 03:04:05+00`); JSON sources give typed values. Both go through the same conversion.
 */
import type { Conversion } from "../plan";

/** A Convex value as JavaScript holds it (int64 as bigint, bytes as ArrayBuffer). */
export type DocValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | ArrayBuffer
  | DocValue[]
  | { [key: string]: DocValue };

/** A value as read from a source, before conversion. */
export type RawValue = null | boolean | number | bigint | string | RawValue[] | { [key: string]: unknown };

export class ConversionError extends Error {}

const fail = (msg: string): never => {
  throw new ConversionError(msg);
};

function show(raw: unknown): string {
  const s = typeof raw === "string" ? raw : JSON.stringify(raw, (_k, v) => (typeof v === "bigint" ? String(v) : v));
  return JSON.stringify((s ?? String(raw)).length > 40 ? `${(s ?? "").slice(0, 40)}…` : s);
}

/** Converts one non-null raw value. Throws ConversionError with a one-line reason. */
export function convertValue(conv: Conversion, raw: RawValue): DocValue {
  if (raw === null) return fail("NULL where a value is required");
  switch (conv.kind) {
    case "string":
      return typeof raw === "object" ? JSON.stringify(raw) : String(raw);
    case "number":
    case "decimal":
      return toNumberish(conv, raw);
    case "int64":
      return toInt64(raw);
    case "boolean":
      return toBoolean(raw);
    case "timestamp":
      return typeof raw === "number" ? raw : parseTimestamp(String(raw));
    case "json":
      return jsonToConvex(typeof raw === "string" ? parseJson(raw) : raw, "");
    case "bytes":
      return toBytes(raw);
    case "enum": {
      const s = String(raw);
      // The stored value (`@map`), or already the Convex literal (data exported through the Prisma client).
      const v = conv.values[s] ?? (Object.values(conv.values).includes(s) ? s : undefined);
      return (
        v ??
        fail(
          `${show(raw)} is not one of ${Object.keys(conv.values)
            .map((k) => JSON.stringify(k))
            .join(", ")}`,
        )
      );
    }
    case "array": {
      const items =
        typeof raw === "string" ? parsePgArray(raw) : Array.isArray(raw) ? raw : fail(`${show(raw)} is not an array`);
      return items.map((item) => (item === null ? fail("NULL inside an array") : convertValue(conv.element, item)));
    }
    case "object":
      return toObject(conv.fields, typeof raw === "string" ? parseJson(raw) : raw);
    case "any":
      return typeof raw === "object" ? jsonToConvex(raw, "") : typeof raw === "bigint" ? raw : String(raw);
  }
}

function toObject(fields: Record<string, Conversion>, v: unknown): DocValue {
  if (!v || typeof v !== "object" || Array.isArray(v)) return fail(`${show(v as RawValue)} is not an object`);
  const out: { [k: string]: DocValue } = {};
  for (const [k, x] of Object.entries(v as Record<string, RawValue>)) {
    if (x === null || x === undefined) continue; // composite fields that are NULL are left out, like columns
    const conv = fields[k];
    if (!conv) return fail(`field "${k}" is not in the type`);
    try {
      out[k] = convertValue(conv, x);
    } catch (e) {
      if (e instanceof ConversionError) fail(`field "${k}": ${e.message}`);
      throw e;
    }
  }
  return out;
}

function toNumberish(conv: Conversion, raw: RawValue): DocValue {
  if (conv.kind === "decimal" && conv.as === "string") {
    const s = String(raw).trim();
    return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? s : fail(`${show(raw)} is not a number`);
  }
  if (typeof raw === "number") return raw;
  if (typeof raw === "bigint") return Number(raw);
  if (typeof raw !== "string") return fail(`${show(raw)} is not a number`);
  const s = raw.trim();
  if (s === "NaN") return NaN;
  if (/^-?Infinity$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  const n = s === "" ? NaN : Number(s.replace(/^\$/, "").replace(/,/g, ""));
  return Number.isNaN(n) ? fail(`${show(raw)} is not a number`) : n;
}

function toInt64(raw: RawValue): bigint {
  if (typeof raw === "bigint") return raw;
  if (typeof raw === "number") return Number.isInteger(raw) ? BigInt(raw) : fail(`${show(raw)} is not an integer`);
  const s = String(raw).trim();
  return /^[-+]?\d+$/.test(s) ? BigInt(s) : fail(`${show(raw)} is not an integer`);
}

function toBoolean(raw: RawValue): boolean {
  if (typeof raw === "boolean") return raw;
  const s = String(raw).trim().toLowerCase();
  if (["t", "true", "1", "y", "yes", "on"].includes(s)) return true;
  if (["f", "false", "0", "n", "no", "off"].includes(s)) return false;
  return fail(`${show(raw)} is not a boolean`);
}

/** PostgreSQL and ISO timestamps/dates → ms since epoch; a value without a zone is UTC. */
export function parseTimestamp(s: string): number {
  const m =
    /^(\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?(?::?\d{2})?)?$/i.exec(
      s.trim(),
    );
  if (!m) return fail(`${show(s)} is not a timestamp`);
  const [, y, mo, d, h = "00", mi = "00", sec = "00", frac = "", zone = "Z"] = m;
  const ms = frac ? `.${frac.padEnd(3, "0").slice(0, 3)}` : "";
  let tz = zone.toUpperCase();
  if (tz !== "Z") {
    const z = /^([+-])(\d{2}):?(\d{2})?/.exec(tz)!;
    tz = `${z[1]}${z[2]}:${z[3] ?? "00"}`;
  }
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}${ms}${tz}`);
  return Number.isNaN(t) ? fail(`${show(s)} is not a valid date`) : t;
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return fail(`${show(s)} is not valid JSON`);
  }
}

/** JSON → Convex value: Convex rejects object keys starting with "$". */
export function jsonToConvex(v: unknown, path: string): DocValue {
  if (v === null || typeof v === "boolean" || typeof v === "number" || typeof v === "string" || typeof v === "bigint")
    return v;
  if (v instanceof ArrayBuffer) return v;
  if (Array.isArray(v)) return v.map((x, i) => jsonToConvex(x, `${path}[${i}]`));
  if (typeof v === "object") {
    const out: { [k: string]: DocValue } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k.startsWith("$")) fail(`JSON key "${path}${k}" starts with "$", which Convex does not allow`);
      if (x !== undefined) out[k] = jsonToConvex(x, `${path}${k}.`);
    }
    return out;
  }
  return fail(`${show(v)} is not a JSON value`);
}

function toBytes(raw: RawValue): ArrayBuffer {
  if (typeof raw !== "string") {
    const o =
      raw && typeof raw === "object" && !Array.isArray(raw)
        ? (raw as { $bytes?: unknown; type?: unknown; data?: unknown })
        : {};
    if (typeof o.$bytes === "string") return toBytes(o.$bytes);
    // Node's Buffer.toJSON(): {"type": "Buffer", "data": [1, 2]}
    if (o.type === "Buffer" && Array.isArray(o.data) && o.data.every((b) => Number.isInteger(b) && b >= 0 && b < 256))
      return new Uint8Array(o.data as number[]).buffer;
    return fail(`${show(raw)} is not bytes`);
  }
  if (/^\\x([0-9a-fA-F]{2})*$/.test(raw)) {
    const hex = raw.slice(2);
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return out.buffer;
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(raw)) return fail(`${show(raw)} is neither \\x hex nor base64 bytes`);
  const bin = atob(raw);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

/** `{a,"b c",NULL,{1,2}}` → ["a", "b c", null, ["1", "2"]]. */
export function parsePgArray(s: string): RawValue[] {
  let i = 0;
  const text = s.trim().replace(/^\[[^\]]*\]=/, "");
  const parse = (): RawValue[] => {
    if (text[i] !== "{") fail(`${show(s)} is not an array literal`);
    i++;
    const out: RawValue[] = [];
    if (text[i] === "}") return (i++, out);
    for (;;) {
      if (text[i] === "{") out.push(parse());
      else if (text[i] === '"') {
        let v = "";
        i++;
        while (i < text.length && text[i] !== '"') (v += text[i] === "\\" ? text[++i] : text[i]), i++;
        i++;
        out.push(v);
      } else {
        const start = i;
        while (i < text.length && text[i] !== "," && text[i] !== "}") i++;
        const v = text.slice(start, i).trim();
        out.push(v.toUpperCase() === "NULL" ? null : v);
      }
      if (text[i] === ",") i++;
      else if (text[i] === "}") return (i++, out);
      else return fail(`${show(s)} is not an array literal`);
    }
  };
  return parse();
}
