/**
 * `pull` and `push`: moving a project's schema between the repository and Schema Assistant over the HTTP API
 * (`GET /api/schema/versions/{projectId}/{version}`, `POST /api/schema/versions`) with a project API token.
 */
import { canonicalModel } from "../lib/docs/manifest";
import { changePath, diffSchemas } from "../lib/migrate";
import { parseSchema } from "../lib/schema";
import type { SchemaModel } from "../lib/schema/model";

export const SCHEMA_ENTRY = "convex/schema.ts";

/** Where and as whom: flags first, then SCHEMA_ASSISTANT_URL / _TOKEN / _PROJECT. */
export interface Remote {
  url: string;
  token: string;
  projectId: string;
}

export interface RemoteFlags {
  url?: string;
  token?: string;
  project?: string;
}

export function remoteFrom(flags: RemoteFlags, env: NodeJS.ProcessEnv = process.env): Remote {
  const url = flags.url ?? env.SCHEMA_ASSISTANT_URL ?? "http://127.0.0.1:3000";
  const token = flags.token ?? env.SCHEMA_ASSISTANT_TOKEN;
  const projectId = flags.project ?? env.SCHEMA_ASSISTANT_PROJECT;
  if (!token) throw new Error("no API token: set SCHEMA_ASSISTANT_TOKEN (Settings → API tokens) or pass --token");
  if (!projectId) throw new Error("no project: set SCHEMA_ASSISTANT_PROJECT or pass --project <projectId>");
  return { url: url.replace(/\/+$/, ""), token, projectId };
}

/** What the API returns for a version. */
export interface RemoteVersion {
  unchanged?: boolean;
  versionId: string;
  number: number;
  semver: string;
  status: string;
  files: Record<string, string>;
  migration: { path: string; code: string } | null;
}

async function call(remote: Remote, path: string, init: RequestInit = {}): Promise<RemoteVersion> {
  let res: Response;
  try {
    res = await fetch(remote.url + path, {
      ...init,
      headers: { "X-API-Key": remote.token, ...(init.body ? { "Content-Type": "application/json" } : {}) },
    });
  } catch (e) {
    throw new Error(
      `cannot reach ${remote.url} (${(e as Error).cause ?? (e as Error).message}); is Schema Assistant running there?`,
    );
  }
  const text = await res.text();
  let body: { error?: { code: string; message: string; details?: unknown } } & Partial<RemoteVersion>;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${remote.url}${path} answered ${res.status} with something other than JSON`);
  }
  if (!res.ok) {
    const details = Array.isArray(body.error?.details)
      ? (body.error!.details as { message: string; loc?: { file: string; line: number; column: number } }[])
          .map((d) => `\n  ${d.loc ? `${d.loc.file}:${d.loc.line}:${d.loc.column}  ` : ""}${d.message}`)
          .join("")
      : "";
    throw new Error(`${res.status} ${body.error?.code ?? ""}: ${body.error?.message ?? text}${details}`);
  }
  return body as RemoteVersion;
}

export function fetchVersion(remote: Remote, version = "current"): Promise<RemoteVersion> {
  return call(remote, `/api/schema/versions/${encodeURIComponent(remote.projectId)}/${encodeURIComponent(version)}`);
}

export function pushFiles(remote: Remote, files: Record<string, string>): Promise<RemoteVersion> {
  return call(remote, "/api/schema/versions", {
    method: "POST",
    body: JSON.stringify({
      projectId: remote.projectId,
      files: Object.entries(files).map(([path, content]) => ({ path, content })),
    }),
  });
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"'\n]*)["']/g;
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs", "/index.ts", "/index.js"];

function resolveRelative(from: string, spec: string, files: Record<string, string>): string | undefined {
  const parts = from.split("/").slice(0, -1);
  for (const seg of spec.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  const base = parts.join("/");
  // "./x.js" written for "./x.ts", as TypeScript allows.
  const stems = /\.[cm]?js$/.test(base) ? [base, base.replace(/\.([cm]?)js$/, ".$1ts")] : [base];
  for (const stem of stems) for (const ext of EXTENSIONS) if (Object.hasOwn(files, stem + ext)) return stem + ext;
  return undefined;
}

/** The schema file and the project files it imports, directly or not (relative imports): what a version holds. */
export function schemaClosure(files: Record<string, string>, entry = SCHEMA_ENTRY): Record<string, string> {
  const out: Record<string, string> = {};
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (Object.hasOwn(out, file) || !Object.hasOwn(files, file) || file.includes("node_modules/")) continue;
    out[file] = files[file];
    for (const m of files[file].matchAll(IMPORT)) {
      const target = resolveRelative(file, m[1], files);
      if (target) queue.push(target);
    }
  }
  return out;
}

/** Parses a version's files (as stored or as read locally), throwing with the first located error. */
export function modelOf(files: Record<string, string>, where: string): SchemaModel {
  const parsed = parseSchema({ files, entry: SCHEMA_ENTRY });
  if (!parsed.ok) {
    const e = parsed.errors[0];
    throw new Error(
      `the ${where} schema does not parse: ${e?.loc ? `${e.loc.file}:${e.loc.line}:${e.loc.column}  ` : ""}${e?.message}`,
    );
  }
  return parsed.schema;
}

/** How the repository's schema differs from the dashboard's, one line per change ([] when they agree as models). */
export function schemaDifferences(dashboard: SchemaModel, repository: SchemaModel): string[] {
  // Where the schema file sits (convex/ or a convex.json folder) is no difference in the schema.
  const same = (m: SchemaModel) => canonicalModel({ ...m, entry: undefined });
  if (same(dashboard) === same(repository)) return [];
  const changes = diffSchemas(dashboard, repository).map((c) => `${c.kind} ${changePath(c)}`);
  return changes.length ? changes : ["the schemas differ in options that no table change describes"];
}
