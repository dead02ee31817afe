/**
 * Measured query patterns: backend measurements (documents scanned and returned per function, table and index)
 * ranked by waste and joined with the static findings; and before/after comparisons of two measurement sets.
 */
import type { Analysis, DataStats, Finding, Measurement } from "./types";

export interface MeasuredPattern {
  function: string;
  table: string;
  /** null for a full table scan. */
  index: string | null;
  calls: number;
  scanned: number;
  returned: number;
  /** Documents read but not returned: `scanned - returned`. */
  waste: number;
  wastePerCall: number;
  /** Static findings for the same function and table. */
  findings: Finding[];
}

const FULL_SCAN = new Set(["by_creation_time"]);

function indexKey(index: string | null): string | null {
  return index === null || FULL_SCAN.has(index) ? null : index;
}

/** Sums measurement rows per function, table and index (the same key may come from several samples). */
export function sumMeasurements(rows: Measurement[]): Measurement[] {
  const out = new Map<string, Measurement>();
  for (const r of rows) {
    const index = indexKey(r.index);
    const key = `${r.functionPath}|${r.table}|${index ?? ""}`;
    const m = out.get(key);
    if (m) {
      m.calls += r.calls;
      m.documentsScanned += r.documentsScanned;
      m.documentsReturned += r.documentsReturned;
    } else {
      out.set(key, { ...r, index });
    }
  }
  return [...out.values()];
}

/**
 * Ranks measured patterns by waste (scanned − returned), largest first, each with the static findings that
 * name the same function and table. Ties keep a stable order by function, table and index.
 */
export function rankMeasurements(measurements: Measurement[], findings: Finding[] = []): MeasuredPattern[] {
  return sumMeasurements(measurements)
    .map((m) => {
      const waste = Math.max(0, m.documentsScanned - m.documentsReturned);
      return {
        function: m.functionPath,
        table: m.table,
        index: m.index,
        calls: m.calls,
        scanned: m.documentsScanned,
        returned: m.documentsReturned,
        waste,
        wastePerCall: m.calls ? waste / m.calls : waste,
        findings: findings.filter(
          (f) => f.functions?.includes(m.functionPath) && (f.path ?? "").split(".")[0] === m.table,
        ),
      };
    })
    .sort((a, b) => b.waste - a.waste || key(a).localeCompare(key(b)));
}

function key(p: { function: string; table: string; index: string | null }): string {
  return `${p.function}|${p.table}|${p.index ?? ""}`;
}

export interface MeasuredChange {
  function: string;
  table: string;
  indexBefore: string | null;
  indexAfter: string | null;
  /** Documents scanned per call before and after (undefined when the function was not measured then). */
  scannedBefore?: number;
  scannedAfter?: number;
  returnedBefore?: number;
  returnedAfter?: number;
}

export interface MeasuredComparison {
  changes: MeasuredChange[];
  /** Documents scanned per call, summed over the functions measured in both sets. */
  scannedBefore: number;
  scannedAfter: number;
}

/** Compares two measurement sets per function and table (per call, so different call counts compare fairly). */
export function compareMeasurements(before: Measurement[], after: Measurement[]): MeasuredComparison {
  const group = (rows: Measurement[]) => {
    const out = new Map<string, { index: string | null; scanned: number; returned: number }>();
    for (const m of sumMeasurements(rows)) {
      const k = `${m.functionPath}|${m.table}`;
      const calls = m.calls || 1;
      const prev = out.get(k);
      const entry = { index: m.index, scanned: m.documentsScanned / calls, returned: m.documentsReturned / calls };
      // One function may read a table through several indexes: add them up, keep the most used index.
      out.set(
        k,
        prev
          ? {
              index: prev.scanned >= entry.scanned ? prev.index : entry.index,
              scanned: prev.scanned + entry.scanned,
              returned: prev.returned + entry.returned,
            }
          : entry,
      );
    }
    return out;
  };
  const b = group(before);
  const a = group(after);
  const keys = [...new Set([...b.keys(), ...a.keys()])].sort();
  let scannedBefore = 0;
  let scannedAfter = 0;
  const changes = keys.map((k) => {
    const [fn, table] = k.split("|");
    const x = b.get(k);
    const y = a.get(k);
    if (x && y) {
      scannedBefore += x.scanned;
      scannedAfter += y.scanned;
    }
    return {
      function: fn,
      table,
      indexBefore: x?.index ?? null,
      indexAfter: y?.index ?? null,
      scannedBefore: x?.scanned,
      scannedAfter: y?.scanned,
      returnedBefore: x?.returned,
      returnedAfter: y?.returned,
    };
  });
  return { changes, scannedBefore, scannedAfter };
}

/** Functions the static analysis found reading a table that the measurements never saw run. */
export function unmeasured(analysis: Analysis, measurements: Measurement[]): string[] {
  const seen = new Set(measurements.map((m) => m.functionPath));
  return [...new Set(analysis.accesses.filter((a) => a.mode === "read").map((a) => a.function))]
    .filter((f) => !seen.has(f))
    .sort();
}

/**
 * Data statistics from document samples: documents per table (the given counts, else the sample size) and, per
 * top-level field, the number of distinct values seen (JSON-compared). Selectivity is 1 / distinct.
 */
export function statsFromSamples(
  samples: Record<string, { count?: number; documents: Record<string, unknown>[] }>,
): DataStats {
  const tables: DataStats["tables"] = {};
  for (const [table, { count, documents }] of Object.entries(samples)) {
    const values = new Map<string, Set<string>>();
    for (const doc of documents) {
      for (const [field, value] of Object.entries(doc)) {
        if (field.startsWith("_")) continue;
        const set = values.get(field) ?? new Set<string>();
        // Imported data may hold int64 values (bigint), which JSON.stringify refuses.
        set.add(JSON.stringify(value, (_k, x) => (typeof x === "bigint" ? `${x}n` : x)));
        values.set(field, set);
      }
    }
    const fields: Record<string, { distinct: number; selectivity: number }> = {};
    for (const [field, set] of values) {
      // Documents lacking the field share the value `undefined`.
      const missing = documents.some((d) => !(field in d)) ? 1 : 0;
      const distinct = set.size + missing;
      fields[field] = { distinct, selectivity: 1 / distinct };
    }
    tables[table] = { documents: count ?? documents.length, fields };
  }
  return { tables };
}
