/**
 * What the eval's builders share (eval/tools/build-sets.ts for dev/test, eval/tools/build-design-set.ts for the fresh
 * design holdout and the design tuning set): an app's design cases from its README description, and the table-name overlap that marks forks
 * and tutorial copies.
 */
import type { Expectation } from "../real/annotate";
import { annotate } from "../real/annotate";
import type { DesignCase } from "../real/cases";
import type { AppTruth } from "./truth";

/** Bullets about the stack, not the app. */
const TECH =
  /\b(react|next\.?js|convex|typescript|tailwind|expo|vercel|clerk|npm|pnpm|bun|vite|node|shadcn|api keys?|env|deploy\w*|sdk|framework)\b/i;
const GENERIC_TITLE = /^(project (overview|description)|overview|about|introduction|description|what is|features?)\b/i;

/** The README's description rewritten as a user asking: its opening sentence and its feature list, same words. */
export function rewrite(name: string, description: string): string | null {
  const lines = description
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const bullets = lines
    .filter((l) => l.startsWith("- ") && !TECH.test(l))
    .map((l) =>
      l
        .slice(2)
        .replace(/\s*[—–]\s*/g, ": ")
        .replace(/\.$/, ""),
    )
    .slice(0, 10);
  if (bullets.length < 3) return null;
  const prose = lines.find(
    (l) => !l.startsWith("- ") && !/^\d/.test(l) && !l.endsWith(":") && l.split(" ").length >= 6,
  );
  const first = prose ? (prose.match(/^.*?[.!?](\s|$)/)?.[0] ?? prose).trim().replace(/[.!?]$/, "") : "";
  const lower = (s: string): string => (s && /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);
  return `I'm building ${name}${first ? ` (${lower(first)})` : ""}. It needs: ${bullets.map(lower).join("; ")}.`;
}

/** The app's table names, without the ones Convex Auth creates. */
export const userTableNames = (t: AppTruth): string[] =>
  t.tables
    .filter((x) => !/^auth[A-Z]/.test(x.name))
    .map((x) => x.name)
    .sort();

export const jaccard = (a: string[], b: string[]): number => {
  const sa = new Set(a);
  const inter = b.filter((x) => sa.has(x)).length;
  return inter / (new Set([...a, ...b]).size || 1);
};

/**
 * The app's design cases: the README's description ("readme"), and its rewrite in a user's voice when the README
 * lists features and the rewrite still names two tables ("rewrite"). The app's name for the rewrite is the
 * description's title when short and specific, else the package name, else the repository's name.
 */
export function designCases(
  slug: string,
  truth: AppTruth,
  description: string,
  expect: Expectation,
  meta: { packageName?: string },
): DesignCase[] {
  const design: DesignCase[] = [
    { id: `${slug}:readme`, repo: truth.repo, kind: "readme", request: description, expect },
  ];
  const title = description
    .split("\n")[0]
    .replace(/:$/, "")
    .split(/\s[-—–:]\s/)[0]
    .trim();
  const name =
    title.split(" ").length <= 5 && !GENERIC_TITLE.test(title)
      ? title
      : meta.packageName && !meta.packageName.startsWith("@")
        ? meta.packageName
        : truth.repo.split("/")[1];
  const rw = rewrite(name, description);
  const rwExpect = rw ? annotate(rw, truth.tables) : null;
  if (rw && rwExpect && rwExpect.tables.length >= 2)
    design.push({ id: `${slug}:rewrite`, repo: truth.repo, kind: "rewrite", request: rw, expect: rwExpect });
  return design;
}
