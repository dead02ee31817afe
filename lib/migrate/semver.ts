/**
 * Semantic version bumps for schema changes. The rule: a change is major when a document valid before, or written
 * by code written for the old schema, can be invalid after it (data must move, or old writers break); minor when
 * everything valid before stays valid and something new is accepted; patch when only indexes or descriptions change.
 * So adding a required field to an existing table is major, like making a field required; an optional field or a
 * new table is minor.
 */
import type { Change, ChangeKind } from "./changes";
import type { Bump } from "./plan/types";

// Index changes (added, redefined or dropped) are patch-level: they change no stored data. A dropped index that
// queries still use is reported by MR105 instead.
const MAJOR: ChangeKind[] = [
  "dropTable",
  "renameTable",
  "dropField",
  "renameField",
  "mergeFields",
  "narrowType",
  "changeType",
  "makeRequired",
  "changeDocument",
];
const MINOR: ChangeKind[] = ["addTable", "addField", "widenType", "makeOptional", "changeOptions"];

/** The bump a list of changes calls for. */
export function bumpFor(changes: Change[]): Bump {
  if (changes.length === 0) return "none";
  const breaking = changes.some(
    (c) =>
      (MAJOR.includes(c.kind) && !(c.kind === "changeDocument" && c.relation === "widen")) ||
      (c.kind === "addField" && !c.field.optional),
  );
  if (breaking) return "major";
  if (changes.some((c) => MINOR.includes(c.kind) || c.kind === "changeDocument")) return "minor";
  return "patch";
}

/** `bumpVersion("1.2.3", "minor")` → "1.3.0". Keeps a leading "v"; drops pre-release and build tags. */
export function bumpVersion(version: string, bump: Bump): string {
  const m = /^(v?)(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version.trim());
  if (!m) throw new Error(`Version "${version}" is not semver (expected MAJOR.MINOR.PATCH).`);
  const [, v, a, b, c] = m;
  const [major, minor, patch] = [Number(a), Number(b), Number(c)];
  if (bump === "major") return `${v}${major + 1}.0.0`;
  if (bump === "minor") return `${v}${major}.${minor + 1}.0`;
  if (bump === "patch") return `${v}${major}.${minor}.${patch + 1}`;
  return `${v}${major}.${minor}.${patch}`;
}
