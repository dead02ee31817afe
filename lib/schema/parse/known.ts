/**
 * Packages the parser understands without reading them: Convex's own builders, a few convex-helpers validators,
 * convex-ents' schema builders (see ents.ts), zod with convex-helpers' zod helpers (see zod.ts),
 * `@convex-dev/auth`'s `authTables` and convex-helpers' session id, rate-limit and migrations tables, whose
 * definitions are embedded from their documented schemas.
 */
import type { Builtin } from "./values";
import { ZOD_EXPORTS } from "./zod";

/** Virtual project path under which the embedded `@convex-dev/auth/server` source is parsed. */
export const AUTH_MODULE = "node_modules/@convex-dev/auth/server.ts";

/** Builtins exported by packages, by package name and export name. */
export const KNOWN_EXPORTS: Record<string, Record<string, Builtin>> = {
  "convex/server": { defineSchema: "defineSchema", defineTable: "defineTable" },
  "convex/values": { v: "v" },
  "convex-helpers/validators": {
    literals: "literals",
    nullable: "nullableHelper",
    brandedString: "brandedString",
    deprecated: "deprecated",
  },
  "convex-helpers/server": { Table: "Table" },
  "convex-ents": {
    defineEnt: "defineEnt",
    defineEntSchema: "defineEntSchema",
    defineEntFromTable: "defineEntFromTable",
    defineEntsFromTables: "defineEntsFromTables",
  },
  ...ZOD_EXPORTS,
};

/** Virtual paths of embedded convex-helpers modules that export tables or validators used in schemas. */
const HELPERS_SESSIONS = "node_modules/convex-helpers/server/sessions.ts";
const HELPERS_RATE_LIMIT = "node_modules/convex-helpers/server/rateLimit.ts";
const HELPERS_MIGRATIONS = "node_modules/convex-helpers/server/migrations.ts";

/** Packages whose source is embedded; the value is the virtual path. */
export const EMBEDDED_PACKAGES: Record<string, string> = {
  "@convex-dev/auth/server": AUTH_MODULE,
  "convex-helpers/server/sessions": HELPERS_SESSIONS,
  "convex-helpers/server/rateLimit": HELPERS_RATE_LIMIT,
  "convex-helpers/server/migrations": HELPERS_MIGRATIONS,
};

// The schema-facing exports of convex-helpers (0.1.x), as its documentation describes them: a session id is a
// string; `rateLimitTables` adds "rateLimits"; `migrationsTable` is the table the migrations helper writes.
const HELPERS_SOURCES: Record<string, string> = {
  [HELPERS_SESSIONS]: `import { v } from "convex/values";
export const vSessionId = v.string();
export const SessionIdArg = { sessionId: vSessionId };
`,
  [HELPERS_RATE_LIMIT]: `import { defineTable } from "convex/server";
import { v } from "convex/values";
export const RateLimitTable = "rateLimits";
export const rateLimitTables = {
  [RateLimitTable]: defineTable({
    name: v.string(),
    key: v.optional(v.string()),
    value: v.number(),
    ts: v.number(),
  }).index("name", ["name", "key"]),
};
`,
  [HELPERS_MIGRATIONS]: `import { defineTable } from "convex/server";
import { v } from "convex/values";
export const migrationsTable = defineTable({
  name: v.string(),
  table: v.string(),
  cursor: v.union(v.string(), v.null()),
  isDone: v.boolean(),
  workerId: v.optional(v.id("_scheduled_functions")),
  processed: v.number(),
  latestStart: v.number(),
  latestEnd: v.optional(v.number()),
}).index("name", ["name"]);
`,
};

// The tables `authTables` defines in @convex-dev/auth (src/server/implementation/types.ts, 0.0.x).
const AUTH_SOURCE = `import { defineTable } from "convex/server";
import { v } from "convex/values";

export const authTables = {
  users: defineTable({
    name: v.optional(v.string()),
    image: v.optional(v.string()),
    email: v.optional(v.string()),
    emailVerificationTime: v.optional(v.number()),
    phone: v.optional(v.string()),
    phoneVerificationTime: v.optional(v.number()),
    isAnonymous: v.optional(v.boolean()),
  })
    .index("email", ["email"])
    .index("phone", ["phone"]),
  authSessions: defineTable({
    userId: v.id("users"),
    expirationTime: v.number(),
  }).index("userId", ["userId"]),
  authAccounts: defineTable({
    userId: v.id("users"),
    provider: v.string(),
    providerAccountId: v.string(),
    secret: v.optional(v.string()),
    emailVerified: v.optional(v.string()),
    phoneVerified: v.optional(v.string()),
  })
    .index("userIdAndProvider", ["userId", "provider"])
    .index("providerAndAccountId", ["provider", "providerAccountId"]),
  authRefreshTokens: defineTable({
    sessionId: v.id("authSessions"),
    expirationTime: v.number(),
    firstUsedTime: v.optional(v.number()),
    parentRefreshTokenId: v.optional(v.id("authRefreshTokens")),
  })
    .index("sessionId", ["sessionId"])
    .index("sessionIdAndParentRefreshTokenId", ["sessionId", "parentRefreshTokenId"]),
  authVerificationCodes: defineTable({
    accountId: v.id("authAccounts"),
    provider: v.string(),
    code: v.string(),
    expirationTime: v.number(),
    verifier: v.optional(v.string()),
    emailVerified: v.optional(v.string()),
    phoneVerified: v.optional(v.string()),
  })
    .index("accountId", ["accountId"])
    .index("code", ["code"]),
  authVerifiers: defineTable({
    sessionId: v.optional(v.id("authSessions")),
    signature: v.optional(v.string()),
  }).index("signature", ["signature"]),
  authRateLimits: defineTable({
    identifier: v.string(),
    lastAttemptTime: v.number(),
    attemptsLeft: v.number(),
  }).index("identifier", ["identifier"]),
};
`;

/**
 * The package a module belongs to when it is a dependency's file (embedded or installed: the path holds
 * "node_modules/"), e.g. "@convex-dev/auth" for "node_modules/@convex-dev/auth/server.ts"; undefined for the
 * project's own files. Tables and indexes defined there are marked `generatedBy` that package.
 */
export function packageOfFile(file: string): string | undefined {
  const at = file.lastIndexOf("node_modules/");
  if (at < 0 || (at > 0 && file[at - 1] !== "/")) return undefined;
  const parts = file.slice(at + "node_modules/".length).split("/");
  const name = parts[0].startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return name && !name.endsWith("/") ? name : undefined;
}

/** Source of an embedded module by virtual path, if any. */
export function knownModuleSource(file: string): string | undefined {
  return file === AUTH_MODULE ? AUTH_SOURCE : HELPERS_SOURCES[file];
}

/** The embedded auth schema source (used by the test oracle to stand in for the package). */
export function authModuleSource(): string {
  return AUTH_SOURCE;
}
