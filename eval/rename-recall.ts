/**
 * Rename recall and precision of the migration planner on real schema histories (issue 20, sixth pass).
 *
 * Labels: eval/renames/labels.json (written by hand from each commit, before any candidate was looked at). For each
 * labelled repository whose fetched git dir is given, every consecutive pair of parsed revisions of each scanned schema
 * file is planned the way `migrate` plans it: `resolveRenames` (tableRenameCandidates → mergeCandidates →
 * fieldRenameCandidates, one-to-one, best first) with a resolver that answers like the labels (a labelled rename is
 * "rename", anything else "add + drop"), then `planWithRenames`.
 *
 * - recall: labelled renames confirmed (a table or field rename, an id field carried with its renamed table, a merge
 *   offered as a merge; an id field keeping its name while its table is renamed is carried once the table rename is
 *   confirmed: neither dropped nor added, its ids remapped to the renamed table's copies);
 * - precision: of the questions asked plus the id follows applied without asking, the share that are labelled renames
 *   (ambiguous ones left out), on the labelled pairs and on every pair of the scanned histories.
 *
 * Details (misses, false proposals) are printed for the dev half only unless --details=all. Repositories of a later
 * unseen round (split "unseen-round-4") are reported as their own half.
 *
 *   npx tsx eval/rename-recall.ts /work/.mirror/get-convex+agent/repo … [--details=all]
 * A git dir is matched to its repository by its folder name (`owner+name`), or pass `owner/name=<git dir>`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ConfirmedRenames, planWithRenames, type RenameCandidate, resolveRenames } from "../lib/migrate";
import type { SchemaModel } from "../lib/schema/model";
import { revisionsOf, schemaAt } from "./renames/git-schema";

interface Label {
  id?: string;
  repo: string;
  schema: string;
  commit: string;
  prev: string;
  kind: "table" | "field" | "idFollow" | "idRetarget" | "merge";
  table?: string | string[];
  from: string | string[];
  to: string | string[];
}
interface Labels {
  /** "dev" | "holdout", or a later unseen round measured apart ("unseen-round-4"). */
  split: Record<string, string>;
  scanned: Record<string, string[]>;
  renames: Label[];
  ambiguous: Label[];
}

const labels: Labels = JSON.parse(readFileSync(join(import.meta.dirname, "renames/labels.json"), "utf8"));
const args = process.argv.slice(2);
const detailsAll = args.includes("--details=all");
const gitDirs = new Map<string, string>();
for (const a of args.filter((x) => !x.startsWith("--"))) {
  const eq = a.indexOf("=");
  if (eq > 0) gitDirs.set(a.slice(0, eq), a.slice(eq + 1));
  else {
    const folder = a
      .replace(/\/+$/, "")
      .split("/")
      .find((p) => p.includes("+"));
    if (folder) gitDirs.set(folder.replace("+", "/"), a);
  }
}

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const samePair = (l: Label, prev: string, rev: string) => rev.startsWith(l.commit) && prev.startsWith(l.prev);

/** Whether candidate `c` is the rename label `l` describes (any of its sibling tables). */
function matches(l: Label, c: RenameCandidate): boolean {
  if (c.kind === "table") {
    if (l.kind !== "table") return false;
    const froms = list(l.from);
    const tos = list(l.to);
    return froms.some((f, i) => f === c.from && tos[i] === c.to);
  }
  if (c.kind === "merge") {
    if (l.kind !== "merge" || !list(l.table).includes(c.table ?? "") || l.to !== c.to) return false;
    const want = [...list(l.from)].sort().join("+");
    return [...(c.sources ?? [])].sort().join("+") === want;
  }
  return (
    (l.kind === "field" || l.kind === "idFollow") &&
    list(l.table).includes(c.table ?? "") &&
    l.from === c.from &&
    l.to === c.to
  );
}

/** Whether the confirmed renames (and the plan) carry label `l`. */
function found(l: Label, r: ConfirmedRenames, from: SchemaModel, to: SchemaModel): boolean {
  switch (l.kind) {
    case "table": {
      const tos = list(l.to);
      return list(l.from).every((f, i) => r.tables?.some((t) => t.from === f && t.to === tos[i]));
    }
    case "field":
    case "idFollow":
      return list(l.table).every((t) => r.fields?.some((x) => x.table === t && x.from === l.from && x.to === l.to));
    case "merge": {
      const want = [...list(l.from)].sort().join("+");
      return (r.merges ?? []).some(
        (m) => list(l.table).includes(m.table) && m.to === l.to && [...m.from].sort().join("+") === want,
      );
    }
    case "idRetarget": {
      // Carried: the field is neither dropped nor added, and the plan remaps its ids to the renamed table's copies
      // (the planner's form for an id whose table is renamed, as in lib/migrate/testdata/07-*).
      const plan = planWithRenames(from, to, r);
      const tables = list(l.table);
      const redone = plan.changes.some(
        (c) => (c.kind === "dropField" || c.kind === "addField") && tables.includes(c.table) && c.field.name === l.from,
      );
      const remapped = tables.every((t) =>
        plan.phases.some((p) =>
          p.steps.some(
            (s) =>
              s.kind === "backfill" &&
              s.table === t &&
              s.fields.some(
                (f) => f.field === l.from && f.source.kind === "convert" && f.source.conversion.kind === "remapId",
              ),
          ),
        ),
      );
      return !redone && remapped;
    }
  }
}

interface Half {
  labelled: number;
  foundN: number;
  byKind: Record<string, [number, number]>;
  askedLabelled: number;
  trueLabelled: number;
  askedAll: number;
  trueAll: number;
  ambiguousAsked: number;
  pairs: number;
  details: string[];
}
const halves: Record<string, Half> = {};
const half = (h: string) =>
  (halves[h] ??= {
    labelled: 0,
    foundN: 0,
    byKind: {},
    askedLabelled: 0,
    trueLabelled: 0,
    askedAll: 0,
    trueAll: 0,
    ambiguousAsked: 0,
    pairs: 0,
    details: [],
  });

const describe = (c: RenameCandidate) =>
  c.kind === "table" ? `table ${c.from}->${c.to}` : `${c.kind} ${c.table}.${c.from}->${c.to}`;
const labelText = (l: Label) =>
  `${l.kind} ${l.table ? `${list(l.table)[0]}${list(l.table).length > 1 ? `(+${list(l.table).length - 1})` : ""}.` : ""}${list(l.from).join("+")}->${list(l.to)[0]}`;

const seen = new Set<Label>();
for (const [repo, schemas] of Object.entries(labels.scanned)) {
  const gitDir = gitDirs.get(repo);
  if (!gitDir) {
    console.error(`skipped ${repo}: no git dir given`);
    continue;
  }
  const h = half(labels.split[repo]);
  const show = detailsAll || labels.split[repo] === "dev";
  for (const schema of schemas) {
    const real = labels.renames.filter((l) => l.repo === repo && l.schema === schema);
    const amb = labels.ambiguous.filter((l) => l.repo === repo && l.schema === schema);
    let prev: { rev: string; model: SchemaModel } | undefined;
    for (const rev of revisionsOf(gitDir, schema)) {
      const model = schemaAt(gitDir, rev, schema);
      if (!model) continue;
      if (prev) {
        h.pairs++;
        const pairReal = real.filter((l) => samePair(l, prev?.rev ?? "", rev));
        const pairAmb = amb.filter((l) => samePair(l, prev?.rev ?? "", rev));
        const asked: RenameCandidate[] = [];
        const renames = await resolveRenames(prev.model, model, (c) => {
          asked.push(c);
          return pairReal.some((l) => matches(l, c)) ? "rename" : "addDrop";
        });
        planWithRenames(prev.model, model, renames); // the plan must build with these renames
        // Id fields carried with a confirmed table rename are applied without a question: proposals too.
        const auto = (renames.fields ?? [])
          .filter((f) => !asked.some((c) => c.kind === "field" && c.table === f.table && c.from === f.from))
          .map(
            (f): RenameCandidate => ({
              kind: "field",
              table: f.table,
              from: f.from,
              to: f.to,
              confidence: 1,
              reasons: [],
            }),
          );
        for (const c of [...asked, ...auto]) {
          const ok = pairReal.some((l) => matches(l, c));
          const isAmb = !ok && pairAmb.some((l) => matches(l, c));
          if (isAmb) {
            h.ambiguousAsked++;
            continue;
          }
          h.askedAll++;
          if (ok) h.trueAll++;
          if (pairReal.length) {
            h.askedLabelled++;
            if (ok) h.trueLabelled++;
          }
          if (!ok && show) h.details.push(`  false ${repo} ${rev.slice(0, 10)} ${describe(c)} (${c.confidence})`);
        }
        for (const l of pairReal) {
          seen.add(l);
          const hit = found(l, renames, prev.model, model);
          h.labelled++;
          if (hit) h.foundN++;
          const k = (h.byKind[l.kind] ??= [0, 0]);
          k[1]++;
          if (hit) k[0]++;
          if (!hit && show) h.details.push(`  miss  ${repo} ${rev.slice(0, 10)} ${l.id} ${labelText(l)}`);
        }
      }
      prev = { rev, model };
    }
  }
}
for (const l of labels.renames)
  if (!seen.has(l) && gitDirs.has(l.repo))
    console.error(`label ${l.id} (${l.repo} ${l.commit}) matched no parsed pair`);

const pct = (a: number, b: number) => (b ? `${a}/${b} = ${Math.round((100 * a) / b)} %` : "—");
for (const name of ["dev", "holdout", ...Object.keys(halves).filter((h) => h !== "dev" && h !== "holdout")]) {
  const h = halves[name];
  if (!h) continue;
  console.log(`${name}: ${h.pairs} pairs`);
  console.log(`  recall ${pct(h.foundN, h.labelled)}`);
  for (const [k, [a, b]] of Object.entries(h.byKind)) console.log(`    ${k}: ${a}/${b}`);
  console.log(`  precision on labelled pairs ${pct(h.trueLabelled, h.askedLabelled)}`);
  console.log(`  precision on every pair ${pct(h.trueAll, h.askedAll)} (ambiguous left out: ${h.ambiguousAsked})`);
  for (const d of h.details) console.log(d);
}
