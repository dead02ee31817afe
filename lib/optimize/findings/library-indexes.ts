/**
 * Indexes an auth library reads itself, on tables the project declares in its schema: the project's code never
 * names them, yet removing one breaks the library. OPT105 leaves them alone; the project's own extra indexes on
 * those tables are still its to judge.
 *
 * - @convex-dev/auth reads the tables and indexes its `authTables` declares (e.g. `users` by `email` and `phone` when
 *   it links accounts), also when the project redeclares such a table in their place. Taken from the definition
 *   the schema parser embeds.
 * - better-auth's Convex adapter (@convex-dev/better-auth, better-convex) reads its models' tables by model name and
 *   picks an index by the fields of each lookup at run time: an index of such a table whose fields are all fields of
 *   that model may be picked.
 */
import type { Index, SchemaModel, Table } from "../../schema/model";
import { authModuleSource } from "../../schema/parse/known";
import type { Analysis } from "../types";

let AUTH_INDEXES: Map<string, Set<string>> | undefined;

/** Table → index names `authTables` declares, read from the embedded source. */
function authIndexes(): Map<string, Set<string>> {
  if (AUTH_INDEXES) return AUTH_INDEXES;
  const out = new Map<string, Set<string>>();
  let table: string | undefined;
  for (const line of authModuleSource().split("\n")) {
    const t = /^\s*(\w+): defineTable\(/.exec(line);
    if (t) {
      table = t[1];
      out.set(table, new Set());
    }
    for (const m of line.matchAll(/\.index\("(\w+)"/g)) if (table) out.get(table)?.add(m[1]);
  }
  AUTH_INDEXES = out;
  return out;
}

const TIMES = ["createdAt", "updatedAt"];

/**
 * better-auth's models (core and its common plugins) by table name, with their fields; checked against the tables
 * @convex-dev/better-auth's component declares (src/component/schema.ts of the version eval/oracle-corpus pins).
 */
const BETTER_AUTH_MODELS: Record<string, string[]> = {
  user: [
    ...["name", "email", "emailVerified", "image", "userId", "role", "banned", "banReason", "banExpires"],
    ...["username", "displayUsername", "isAnonymous", "phoneNumber", "phoneNumberVerified", "twoFactorEnabled"],
    ...["stripeCustomerId", ...TIMES],
  ],
  session: [
    ...["expiresAt", "token", "ipAddress", "userAgent", "userId", "activeOrganizationId", "activeTeamId"],
    ...["impersonatedBy", ...TIMES],
  ],
  account: [
    ...["accountId", "providerId", "userId", "accessToken", "refreshToken", "idToken", "accessTokenExpiresAt"],
    ...["refreshTokenExpiresAt", "scope", "password", ...TIMES],
  ],
  verification: ["identifier", "value", "expiresAt", ...TIMES],
  organization: ["name", "slug", "logo", "metadata", ...TIMES],
  member: ["organizationId", "userId", "role", "teamId", ...TIMES],
  invitation: ["organizationId", "email", "role", "status", "expiresAt", "inviterId", "teamId", ...TIMES],
  team: ["name", "organizationId", ...TIMES],
  teamMember: ["teamId", "userId", ...TIMES],
  twoFactor: ["secret", "backupCodes", "userId", "verified"],
  passkey: [
    ...["name", "publicKey", "userId", "credentialID", "counter", "deviceType", "backedUp", "transports", "aaguid"],
    ...TIMES,
  ],
  jwks: ["publicKey", "privateKey", "expiresAt", ...TIMES],
  rateLimit: ["key", "count", "lastRequest"],
  apikey: ["name", "start", "prefix", "key", "userId", "enabled", "expiresAt", "lastRequest", ...TIMES],
  oauthApplication: [
    ...["name", "icon", "metadata", "clientId", "clientSecret", "redirectUrls", "type", "disabled", "userId"],
    ...TIMES,
  ],
  oauthAccessToken: [
    ...["accessToken", "refreshToken", "accessTokenExpiresAt", "refreshTokenExpiresAt", "clientId", "userId"],
    ...["scopes", ...TIMES],
  ],
  oauthConsent: ["clientId", "userId", "scopes", "consentGiven", ...TIMES],
  ssoProvider: ["issuer", "providerId", "userId", "organizationId", "domain"],
};

const BETTER_AUTH_ADAPTER = /^(@convex-dev\/better-auth|better-convex\/auth)(\/|$)/;

/** The library that reads `index` of `table` itself, if any (see the module comment). */
export function libraryReadingIndex(
  schema: SchemaModel,
  analysis: Analysis,
  table: Table,
  index: Pick<Index, "name" | "fields">,
): string | undefined {
  const packages = analysis.packages ?? [];
  const usesAuth =
    packages.some((p) => p === "@convex-dev/auth" || p.startsWith("@convex-dev/auth/")) ||
    schema.tables.some((t) => t.generatedBy === "@convex-dev/auth");
  if (usesAuth && authIndexes().get(table.name)?.has(index.name)) return "@convex-dev/auth";
  const model = Object.hasOwn(BETTER_AUTH_MODELS, table.name) ? BETTER_AUTH_MODELS[table.name] : undefined;
  if (model && packages.some((p) => BETTER_AUTH_ADAPTER.test(p)) && index.fields.every((f) => model.includes(f)))
    return "better-auth";
  return undefined;
}
