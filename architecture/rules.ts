/**
 * The project's layering, as data: which top-level parts may import which, and what the pure engine may not touch.
 * `checkArchitecture` reads every source file's imports with oxc-parser and reports each violation with its place.
 */

/** A file is test code when it is a test, or lives in a test-support folder; test code may do I/O. */
export const TEST_CODE = /(\.test\.tsx?$|\.spec\.tsx?$|\/testdata\/|\/testing\/)/;

export interface LayerRule {
  /** Top-level folder the rule applies to. */
  part: string;
  /** Top-level folders this part must not import from. */
  forbiddenParts: string[];
  /** Whether test code of this part is bound by the rule too. */
  includeTests: boolean;
  why: string;
}

export const TOP_LEVEL_PARTS = [
  "lib",
  "convex",
  "backend",
  "app",
  "components",
  "cli",
  "editors",
  "e2e",
  "bench",
  "eval",
  "architecture",
  "bin",
];

export const LAYER_RULES: LayerRule[] = [
  {
    part: "lib",
    forbiddenParts: TOP_LEVEL_PARTS.filter((p) => p !== "lib"),
    includeTests: true,
    why: "the engine is self-contained: lib/ imports nothing outside lib/",
  },
  {
    part: "convex",
    forbiddenParts: ["backend", "components", "app", "cli", "editors", "e2e", "bench", "eval"],
    includeTests: false,
    why: "Convex functions deploy to real Convex: they cannot depend on the local backend, the dashboard or tools",
  },
  {
    part: "backend",
    forbiddenParts: ["components", "app", "cli", "editors", "e2e", "eval"],
    includeTests: false,
    why: "the embedded backend runs any project; it knows nothing of the dashboard or tools",
  },
  {
    part: "components",
    forbiddenParts: ["backend", "cli", "editors", "e2e", "bench", "eval"],
    includeTests: false,
    why: "browser code talks to Convex through the client, never to the backend or Node tools",
  },
  {
    part: "app",
    forbiddenParts: ["backend", "cli", "editors", "e2e", "bench", "eval"],
    includeTests: false,
    why: "browser code talks to Convex through the client, never to the backend or Node tools",
  },
  {
    part: "cli",
    forbiddenParts: ["components", "app", "e2e", "eval"],
    includeTests: false,
    why: "the CLI is a shell over the engine; it does not reach into the dashboard",
  },
];

/**
 * Browser code (the dashboard's components and pages) may not load native addons: no chain of (non-type) imports
 * from these parts may reach a module in `nativeModules`. lib/schema's index loads the parser (oxc-parser, native),
 * so the dashboard imports `lib/schema/browser` (model, operations, printer, relationships, codes) instead.
 */
export const BROWSER_RULE = {
  parts: ["components", "app"],
  /** Server-only files of those parts (Next.js route handlers and the proxy run on the server, never in a browser). */
  serverFiles: /^app\/api\//,
  nativeModules: /^(oxc-parser)$/,
  /** Entries that load native code, named in the message with the browser-safe alternative. */
  nativeEntries: { "lib/schema": "lib/schema/browser" } as Record<string, string>,
  why: "the dashboard runs in the browser, where native addons cannot load",
};

/** Modules production engine code may not import: Node built-ins, network clients, process-level effects. */
export const ENGINE_FORBIDDEN_MODULES =
  /^(node:|fs$|fs\/|path$|os$|child_process$|crypto$|http$|https$|net$|tls$|dns$|url$|worker_threads$|stream$|zlib$|openai$|openai\/|undici$|ws$)/;

/** Globals production engine code may not use: clocks, randomness, timers, network. Clocks and ids are passed in. */
export const ENGINE_FORBIDDEN_GLOBALS: Array<{ object?: string; name: string }> = [
  { object: "Date", name: "now" },
  { object: "Math", name: "random" },
  { object: "performance", name: "now" },
  { object: "crypto", name: "randomUUID" },
  { object: "process", name: "env" },
  { name: "setTimeout" },
  { name: "setInterval" },
  { name: "setImmediate" },
  { name: "fetch" },
];

/**
 * Stored and received JSON is validated, not cast: production code of these parts may not write `JSON.parse(…) as T`
 * (nor cast an expression built on a `JSON.parse`, e.g. `jsonToConvex(JSON.parse(line)) as Doc`). Data the product
 * stored goes through a stored shape (lib/stored); JSON from outside is checked at the boundary or by a typed guard.
 * `allowed` lists the few files that keep one, each with its reason.
 */
export const JSON_CAST_RULE = {
  parts: ["components", "convex", "cli", "lib"],
  allowed: {
    "lib/import/defaults.ts":
      "parses the JSON literal the import itself generated for a column default; any JSON value is a DocValue",
    "convex/lib/valueJson.ts":
      "parseValues<T> is the Convex-values reviver under the journal's reads; the journal entry's shape is its caller's",
  } as Record<string, string>,
  why: "stored or received JSON is read through a stored shape (lib/stored) or checked at the boundary, never cast",
};
