/**
 * Fuzz: random character and token edits (seeded, reproducible) of the valid fixtures never crash the parser,
 * never hit an internal error, and every reported problem is a located diagnostic.
 */
import { describe, expect, it } from "vitest";
import { parseSchema, type Diagnostic } from "..";
import { readFixture, schemaFixtures } from "../testdata/fixtures";
import { prng } from "../testdata/random-model";

// FUZZ_RUNS / FUZZ_SEED widen a local hunt; the defaults keep the suite fast and reproducible.
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 0xc0ffee);
const CHARS = `{}()[],.:;"'\`/*\\n =-+?!<>&|abcvxyz0129_$@#`;
const TOKEN = /[A-Za-z_$][\w$]*|\d+|"[^"\n]*"|\S/g;

function mutate(src: string, rand: () => number): string {
  const pick = (n: number): number => Math.floor(rand() * n);
  const tokens = [...src.matchAll(TOKEN)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const edits = 1 + pick(3);
  let out = src;
  for (let i = 0; i < edits; i++) {
    const at = pick(out.length + 1);
    const t = tokens[pick(tokens.length)];
    switch (pick(6)) {
      case 0: // delete a character
        out = out.slice(0, at) + out.slice(at + 1);
        break;
      case 1: // insert a character
        out = out.slice(0, at) + CHARS[pick(CHARS.length)] + out.slice(at);
        break;
      case 2: // duplicate a character
        out = out.slice(0, at) + out.slice(at, at + 1) + out.slice(at);
        break;
      case 3: // delete a token
        if (t && t.end <= out.length) out = out.slice(0, t.start) + out.slice(t.end);
        break;
      case 4: // duplicate a token
        if (t && t.end <= out.length) out = out.slice(0, t.end) + out.slice(t.start, t.end) + out.slice(t.end);
        break;
      default: // move a token elsewhere
        if (t && t.end <= out.length) {
          const tok = out.slice(t.start, t.end);
          const rest = out.slice(0, t.start) + out.slice(t.end);
          const to = pick(rest.length + 1);
          out = rest.slice(0, to) + tok + rest.slice(to);
        }
    }
  }
  return out;
}

function located(d: Diagnostic, files: Record<string, string>): boolean {
  if (!d.loc || !d.code || !d.message) return false;
  const text = files[d.loc.file];
  if (text === undefined) return d.loc.file.startsWith("node_modules/");
  const lines = text.split("\n");
  return (
    d.loc.line >= 1 &&
    d.loc.line <= lines.length &&
    d.loc.column >= 1 &&
    d.loc.column <= lines[d.loc.line - 1].length + 1
  );
}

describe("parser fuzz", () => {
  const valid = [
    "task-tracker",
    "chat-app",
    "ecommerce",
    "saas-multitenant",
    "multi-file",
    "all-validators",
    "union-documents",
    "indexes-options",
  ];
  for (const name of valid.filter((n) => schemaFixtures().includes(n))) {
    it(`survives ${RUNS} random edits of ${name}`, async () => {
      const input = await readFixture(name);
      const rand = prng(SEED ^ (name.length * 7919));
      const paths = Object.keys(input.files);
      let failures = 0;
      for (let i = 0; i < RUNS; i++) {
        const target = i % 3 === 0 ? paths[Math.floor(rand() * paths.length)] : input.entry;
        const files = { ...input.files, [target]: mutate(input.files[target], rand) };
        const r = parseSchema({ files, entry: input.entry });
        const diags = r.ok ? r.schema.warnings : r.errors;
        if (!r.ok) failures++;
        for (const d of diags) {
          expect(d.code, `${d.message}\n--- mutated ${target} ---\n${files[target]}`).not.toBe("SA000");
          expect(located(d, files), `unlocated ${JSON.stringify(d)}`).toBe(true);
        }
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }
      // The edits must actually break the files most of the time, else the test proves little.
      expect(failures).toBeGreaterThan(RUNS / 5);
    });
  }
});
