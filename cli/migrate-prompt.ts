/** Interactive questions for `schema-assistant migrate --interactive` (readline on stdin/stderr). */
import { createInterface } from "node:readline/promises";
import { candidateKey, type RenameCandidate, type RenameResolver } from "../lib/migrate";

export interface Prompter {
  ask(question: string): Promise<string>;
  close(): void;
}

/** Questions on stderr (stdout stays the plan), answers from stdin. */
export function terminalPrompter(): Prompter {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return { ask: (q) => rl.question(q), close: () => rl.close() };
}

const yes = (a: string) => /^y(es)?$/i.test(a.trim());

/** Asks about each rename candidate. */
export function promptResolver(p: Prompter): RenameResolver {
  return async (c: RenameCandidate) => {
    if (c.kind === "merge") {
      const sources = (c.sources ?? []).map((f) => `"${c.table}.${f}"`).join(" and ");
      const a = await p.ask(
        `Combine ${sources} into "${c.table}.${c.to}"? (confidence ${c.confidence}: ${c.reasons.join(", ")}) [y/N] `,
      );
      return yes(a) ? "rename" : "addDrop";
    }
    const what =
      c.kind === "table" ? `table "${c.from}" → "${c.to}"` : `field "${c.table}.${c.from}" → "${c.table}.${c.to}"`;
    const a = await p.ask(`Is ${what} a rename? (confidence ${c.confidence}: ${c.reasons.join(", ")}) [y/N] `);
    return yes(a) ? "rename" : "addDrop";
  };
}

/** Confirmed renames from `--rename` keys; other candidates become add + drop with `--add-drop`, else fail. */
export function flagResolver(keys: string[], addDrop: boolean, fallback: RenameResolver): RenameResolver {
  const set = new Set(keys);
  return (c) => (set.has(candidateKey(c)) ? "rename" : addDrop ? "addDrop" : fallback(c));
}

/** A yes/no confirmation. */
export async function confirm(p: Prompter, question: string): Promise<boolean> {
  return yes(await p.ask(`${question} [y/N] `));
}
