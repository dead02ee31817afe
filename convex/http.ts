import { httpRouter } from "convex/server";
import { storedReply, type ProposalInfo } from "../lib/stored/reply";
import { MAX_MESSAGE_LENGTH } from "./assistant/conversations";
import { internal } from "./_generated/api";
import { httpAction } from "./_generated/server";
import {
  ApiError,
  authError,
  authorize,
  bearer,
  errorResponse,
  json,
  pathSegment,
  preflightResponse,
  readJson,
  requireProject,
  requireRole,
  stringField,
} from "./httpApi/shared";
import { migrateOptions, runMigrate } from "./httpApi/migrateRun";
import type { MigrateResult } from "./httpApi/engineNode";
import { decryptText } from "./lib/crypto";
import { chatExtras } from "./httpApi/chat";
import { OPENAPI } from "./httpApi/openapi";

/**
 * The public HTTP API (served at the deployment's site URL; the dashboard proxies /api/schema/* to it). Every
 * route authenticates an API token (`Authorization: Bearer sa_…`) scoped to one project and role.
 */
const http = httpRouter();

const CHAT_MAX_BYTES = 32 * 1024;
const MIGRATE_MAX_BYTES = 512 * 1024;
const PUSH_MAX_BYTES = 900 * 1024;
const PUSH_MAX_FILES = 200;

function handle(fn: (ctx: Parameters<Parameters<typeof httpAction>[0]>[0], request: Request) => Promise<Response>) {
  return httpAction(async (ctx, request) => {
    try {
      return await fn(ctx, request);
    } catch (err) {
      return errorResponse(err);
    }
  });
}

http.route({
  path: "/api/schema/chat",
  method: "POST",
  handler: handle(async (ctx, request) => {
    const auth = await authorize(ctx, request, undefined, "editor");
    const body = await readJson(request, CHAT_MAX_BYTES);
    const projectId = stringField(body, "projectId", 64)!;
    const message = stringField(body, "message", MAX_MESSAGE_LENGTH)!.trim();
    const conversationId = stringField(body, "conversationId", 64, false);
    requireProject(auth, projectId);
    const started = await ctx.runMutation(internal.httpApi.chat.start, {
      projectId: auth.projectId,
      userId: auth.userId,
      tokenId: auth.tokenId,
      message,
      conversationId,
    });
    if (!started) throw new ApiError(404, "NOT_FOUND", "Conversation not found in this project.");
    await ctx.runAction(internal.assistant.replyNode.reply, { replyId: started.replyId, userId: auth.userId });
    const reply = await ctx.runQuery(internal.httpApi.chat.result, { replyId: started.replyId });
    const proposal: Partial<ProposalInfo> = reply?.proposalJson
      ? storedReply.parse(await decryptText(reply.proposalJson), `messages ${started.replyId}`)
      : {};
    // Lint of the proposed schema is advice about a change; a reply that changes nothing (off-topic, optimizer,
    // impact) carries its own findings instead.
    const lint = proposal.operations?.length ? (proposal.lint ?? []) : [];
    return json(200, {
      reply: reply ? await decryptText(reply.text) : "",
      codeGenerated: reply?.versionSource,
      proposalVersionId: reply?.versionId,
      suggestions: [...(proposal.assumptions ?? []), ...lint.slice(0, 5).map((d) => d.message)],
      followUpQuestions: proposal.questions ?? [],
      conversationId: started.conversationId,
      ...chatExtras(proposal),
    });
  }),
});

http.route({
  path: "/api/schema/migrate",
  method: "POST",
  handler: handle(async (ctx, request) => {
    const auth = await authorize(ctx, request, undefined, "viewer");
    const body = await readJson(request, MIGRATE_MAX_BYTES);
    const projectId = stringField(body, "projectId", 64)!;
    const targetSchema = stringField(body, "targetSchema", MIGRATE_MAX_BYTES)!;
    const options = migrateOptions(body.options);
    requireProject(auth, projectId);
    if (options.run) requireRole(auth, "editor");
    if (options.run) return await runMigrate(ctx, auth, targetSchema, options);
    const result: MigrateResult = await ctx.runAction(internal.httpApi.engineNode.plan, {
      projectId: auth.projectId,
      targetSchema,
      dryRun: options.dryRun,
    });
    if (!result.ok) return json(422, { error: { code: result.code, message: result.message, details: result.errors } });
    const { ok: _ok, ...rest } = result;
    return json(200, rest);
  }),
});

http.route({
  pathPrefix: "/api/schema/migrate/runs/",
  method: "GET",
  handler: handle(async (ctx, request) => {
    const [rawProject, rawRun] = new URL(request.url).pathname.slice("/api/schema/migrate/runs/".length).split("/");
    const auth = await authorize(ctx, request, undefined, "viewer");
    const projectId = pathSegment(rawProject, "projectId");
    const runId = pathSegment(rawRun, "runId");
    requireProject(auth, projectId);
    const run = await ctx.runQuery(internal.httpApi.queries.run, { projectId: auth.projectId, runId });
    if (!run) throw new ApiError(404, "NOT_FOUND", "Run not found in this project.");
    return json(200, run);
  }),
});

http.route({
  pathPrefix: "/api/schema/analyze/",
  method: "GET",
  handler: handle(async (ctx, request) => {
    const secret = bearer(request);
    const projectId = pathSegment(new URL(request.url).pathname.slice("/api/schema/analyze/".length), "projectId");
    const { auth, result } = await ctx.runMutation(internal.httpApi.queries.analyze, { secret, projectId });
    if (!auth.ok) throw authError(auth);
    if (!result) throw new ApiError(404, "PROJECT_NOT_FOUND", "Project not found.");
    if (!result.analysisJson)
      return json(
        202,
        { analysis: null, optimizations: [], healthScore: null, status: "pending" },
        { "Retry-After": "2" },
      );
    const body = `{"analysis":${result.analysisJson},"optimizations":${result.optimizationsJson},"healthScore":${JSON.stringify(result.healthScore)}}`;
    return new Response(body, {
      status: 200,
      headers: { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" },
    });
  }),
});

// Back to the repository: a version's files (`schema-assistant pull`) and a new version from them (`push`).
http.route({
  pathPrefix: "/api/schema/versions/",
  method: "GET",
  handler: handle(async (ctx, request) => {
    const [rawProject, rawRef, ...rest] = new URL(request.url).pathname
      .slice("/api/schema/versions/".length)
      .split("/");
    let projectId: string;
    let ref: string;
    try {
      projectId = decodeURIComponent(rawProject ?? "");
      ref = decodeURIComponent(rawRef || "current");
    } catch {
      throw new ApiError(400, "INVALID_PATH", "The path is not valid percent-encoding.");
    }
    if (!projectId || rest.length > 0 || ref.length > 64)
      throw new ApiError(404, "NOT_FOUND", "Use /api/schema/versions/{projectId}/{current | number | versionId}.");
    const auth = await authorize(ctx, request, projectId, "viewer");
    const version = await ctx.runQuery(internal.schemaVersions.files.forApi, { projectId: auth.projectId, ref });
    if (!version) throw new ApiError(404, "NOT_FOUND", `This project has no version "${ref}".`);
    return json(200, version);
  }),
});

http.route({
  path: "/api/schema/versions",
  method: "POST",
  handler: handle(async (ctx, request) => {
    const auth = await authorize(ctx, request, undefined, "editor");
    const body = await readJson(request, PUSH_MAX_BYTES);
    requireProject(auth, stringField(body, "projectId", 64)!);
    const files = body.files;
    if (
      !Array.isArray(files) ||
      files.length === 0 ||
      files.length > PUSH_MAX_FILES ||
      !files.every(
        (f) =>
          f &&
          typeof f === "object" &&
          typeof f.path === "string" &&
          typeof f.content === "string" &&
          f.path.length <= 512,
      )
    ) {
      throw new ApiError(
        400,
        "INVALID_REQUEST",
        `"files" must be 1 to ${PUSH_MAX_FILES} objects { path, content } with convex/schema.ts among them.`,
      );
    }
    const result = await ctx.runAction(internal.schemaVersions.pushNode.push, {
      projectId: auth.projectId,
      userId: auth.userId,
      files: files.map((f: { path: string; content: string }) => ({ path: f.path, content: f.content })),
    });
    if (!result.ok) throw new ApiError(result.status, result.code, result.message, {}, result.errors);
    return json(result.unchanged ? 200 : 201, { unchanged: result.unchanged, ...result.version });
  }),
});

http.route({ path: "/api/schema/openapi.json", method: "GET", handler: httpAction(async () => json(200, OPENAPI)) });

for (const path of ["/api/schema/chat", "/api/schema/migrate", "/api/schema/versions"])
  http.route({ path, method: "OPTIONS", handler: httpAction(async () => preflightResponse()) });

export default http;
