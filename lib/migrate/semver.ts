/** Semantic version bumps for schema changes: major = breaking, minor = additive, patch = index/doc only. */
import type { Change, ChangeKind } from "./changes";
import type { Bump } from "./plan/types";

// Index changes (added, redefined or dropped) are patch-level: they change no stored data. A dropped index that
// queries still use is reported by MR105 instead.
const MAJOR: ChangeKind[] = ["dropTable", "renameTable", "dropField", "renameField", "narrowType", "changeType", "makeRequired", "changeDocument"];
const MINOR: ChangeKind[] = ["addTable", "addField", "widenType", "makeOptional", "changeOptions"];

/** The bump a list of changes calls for. */
export function bumpFor(changes: Change[]): Bump {
  if (changes.length === 0) return "none";
  const breaking = changes.some((c) => MAJOR.includes(c.kind) && !(c.kind === "changeDocument" && c.relation === "widen"));
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
