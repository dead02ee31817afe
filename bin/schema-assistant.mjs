#!/usr/bin/env node
// Runs the CLI from its esbuild bundle (bin/cli-bundle.mjs), rebuilt first when a source changed. If the bundle cannot
// be built (a syntax error somewhere in cli/ or lib/), the sources run through tsx instead, so commands that do not
// touch the broken file still work.
import { bundleEntry, toUrl } from "./cli-bundle.mjs";

let entry;
try {
  entry = await bundleEntry();
} catch (e) {
  const detail =
    e?.errors
      ?.map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ${m.text}` : m.text))
      .join("\n") ?? String(e);
  process.stderr.write(`warning: could not bundle the CLI, running its TypeScript through tsx (slower):\n${detail}\n`);
}
if (entry) {
  await import(toUrl(entry));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../cli/main.ts");
}
