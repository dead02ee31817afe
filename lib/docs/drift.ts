/** Compares freshly generated docs with the files on disk. `generatedAt` is ignored everywhere. */
import { diffLines } from "diff";
import { MANIFEST_FILE } from "./manifest";

export interface DocsChange {
  file: string;
  kind: "missing" | "changed" | "extra";
  summary: string;
}

export interface DriftResult {
  ok: boolean;
  changes: DocsChange[];
}

/** JSON text with every `generatedAt` key removed, re-serialized; non-JSON text is returned unchanged. */
function withoutTimestamps(file: string, text: string): string {
  if (!file.endsWith(".json")) return text.replace(/\r\n?/g, "\n");
  try {
    return JSON.stringify(JSON.parse(text), (k, v: unknown) => (k === "generatedAt" ? undefined : v), 2);
  } catch {
    return text;
  }
}

function manifestSummary(expected: string, actual: string): string | undefined {
  try {
    const e: unknown = JSON.parse(expected);
    const a: unknown = JSON.parse(actual);
    const hash = (m: unknown) =>
      m && typeof m === "object" && "source" in m && m.source && typeof m.source === "object" && "sha256" in m.source
        ? String(m.source.sha256)
        : "?";
    if (hash(e) !== hash(a))
      return `schema source changed (sha256 ${hash(a).slice(0, 12)} on disk, ${hash(e).slice(0, 12)} now)`;
  } catch {
    return "manifest on disk is not valid JSON";
  }
  return undefined;
}

/** "+3 -1 lines; first difference at line 12: …" */
function lineSummary(expected: string, actual: string): string {
  let added = 0;
  let removed = 0;
  let line = 1;
  let first: { line: number; text: string } | undefined;
  for (const part of diffLines(actual, expected)) {
    const n = part.count ?? part.value.split("\n").length - 1;
    if (part.added || part.removed) {
      // Point at the first line that says something (JSON diffs often start with "},").
      const lines = part.value.split("\n");
      const at = Math.max(
        0,
        lines.findIndex((l) => /[A-Za-z0-9]/.test(l)),
      );
      if (!first) first = { line: line + (part.added ? 0 : at), text: lines[at].trim().slice(0, 80) };
      if (part.added) added += n;
      else removed += n;
    }
    if (!part.added) line += n;
  }
  const where = first ? `; first difference at line ${first.line}: ${JSON.stringify(first.text)}` : "";
  return `+${added} -${removed} lines${where}`;
}

/**
 * Reports generated files missing on disk, files whose content differs (ignoring `generatedAt`) and files on
 * disk that generation no longer produces. `ok` is true when there are no changes.
 */
export function checkDocsDrift(generated: Record<string, string>, onDisk: Record<string, string>): DriftResult {
  const changes: DocsChange[] = [];
  for (const file of Object.keys(generated).sort()) {
    const disk = onDisk[file];
    if (disk === undefined) {
      changes.push({ file, kind: "missing", summary: "not on disk; run `schema-assistant docs`" });
      continue;
    }
    const want = withoutTimestamps(file, generated[file]);
    const have = withoutTimestamps(file, disk);
    if (want === have) continue;
    const summary =
      (file === MANIFEST_FILE ? manifestSummary(generated[file], disk) : undefined) ?? lineSummary(want, have);
    changes.push({ file, kind: "changed", summary });
  }
  for (const file of Object.keys(onDisk).sort()) {
    if (!(file in generated)) changes.push({ file, kind: "extra", summary: "on disk but no longer generated" });
  }
  return { ok: changes.length === 0, changes };
}
