/**
 * The OpenAPI 3.1 description of the HTTP API; served at /api/schema/openapi.json and kept in docs/openapi.json
 * (api.test.ts checks they match; rewrite the file with
 * `npx tsx -e 'import { OPENAPI } from "./convex/apiOpenapi"; require("fs").writeFileSync("docs/openapi.json", JSON.stringify(OPENAPI, null, 2) + "\n")'`).
 */

const error = { $ref: "#/components/schemas/Error" };
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [String(c), { description: ERROR_TEXT[c], content: { "application/json": { schema: error } } }]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: "MALFORMED_JSON, INVALID_REQUEST, JSON_TOO_DEEP (nested deeper than 64 levels) or INVALID_PATH (malformed percent-encoding in the path)",
  401: "UNAUTHENTICATED or INVALID_TOKEN (unknown, malformed or revoked)",
  403: "FORBIDDEN (token role too low) or TOKEN_OWNER_LEFT",
  404: "PROJECT_NOT_FOUND / NOT_FOUND (also for other projects' ids)",
  409: "DECISIONS_NEEDED (details.decisions: answer them in options.renames / options.defaults), PREFLIGHT_FAILED (details.preflight), SECOND_APPROVAL_REQUIRED (the project requires two approvers: use the dashboard), STALE or CONFLICT (the schema or sandbox changed meanwhile, or a run of the project is in progress: send again later)",
  413: "PAYLOAD_TOO_LARGE (the body is cut off at the route's limit, at most 1 MiB, before the token is checked)",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "SCHEMA_PARSE_ERROR or INVALID_NAME",
  429: "RATE_LIMITED: per API token, or per client address for unauthenticated attempts (no token or a refused one); see Retry-After",
};
const body = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const ok = (schema: object, description = "OK") => ({ description, content: { "application/json": { schema } } });
const str = { type: "string" };

const USE = {
  type: "object",
  properties: {
    function: str,
    how: { enum: ["reads", "writes", "filters", "indexes", "searches"] },
    loc: { type: "object" },
    detail: str,
  },
};
const IMPACT = {
  type: "array",
  description: "Per change, the project's functions that read, write, filter or index its table or field (file:line).",
  items: { type: "object", properties: { path: str, kind: str, uses: { type: "array", items: USE } } },
};
const PLAN_PROPERTIES = {
  plan: { type: "object" },
  estimatedRisk: { enum: ["low", "medium", "high"] },
  rollbackStrategy: str,
  impact: IMPACT,
};
const PREFLIGHT = {
  type: ["object", "null"],
  properties: { ok: { type: "boolean" }, checked: { type: "integer" }, invalid: { type: "integer" } },
};

const VERSION = {
  type: "object",
  required: ["versionId", "number", "semver", "status", "files", "migration"],
  properties: {
    unchanged: { type: "boolean" },
    versionId: str,
    number: { type: "integer" },
    semver: str,
    status: { enum: ["current", "pending", "superseded", "rejected", "rolledBack"] },
    createdAt: { type: "number" },
    files: { type: "object", additionalProperties: str, description: "path → text; always has convex/schema.ts" },
    migration: {
      type: ["object", "null"],
      properties: { path: str, code: str },
      description: "The generated migration module (convex/migrations/plans.ts) of the plan to this version.",
    },
  },
};

/** Optional fields of a chat reply, present when the reply has them (the original fields are unchanged). */
const CHAT_EXTRAS = {
  intent: {
    enum: ["design", "change", "code", "optimize", "lint", "explain", "impact", "offtopic"],
    description: "What the message asked for; off-topic messages get a short reply and no operation.",
  },
  ran: {
    type: "array",
    items: str,
    description: "The engines that ran to answer (designer, model, optimizer, lint, access analysis, code generator).",
  },
  findings: {
    type: "array",
    description:
      "Optimizer, lint or impact findings behind the reply, with file:line in the project's functions or a schema path.",
    items: {
      type: "object",
      required: ["message"],
      properties: {
        code: str,
        severity: { enum: ["error", "warning", "info"] },
        message: str,
        file: str,
        line: { type: "integer" },
        path: str,
        functions: { type: "array", items: str },
      },
    },
  },
  operations: {
    type: "array",
    items: { type: "object" },
    description: "The proposed schema operations (the same ones codeGenerated applies).",
  },
  generatedFiles: {
    type: "object",
    additionalProperties: str,
    description: 'path → code, when the message asked for generated functions (e.g. "generate CRUD for tasks").',
  },
};

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "Schema Assistant API",
    version: "1.0.0",
    description:
      "Design, analyse and migrate a project's Convex schema. Tokens are created by project owners in Settings → API tokens; each is scoped to one project and role (viewer: analyze and plan; editor: also chat and run migrations).",
  },
  servers: [{ url: "/" }],
  security: [{ apiKey: [] }, { bearer: [] }],
  paths: {
    "/api/schema/chat": {
      post: {
        summary: "Ask the assistant about or for a change to the schema (editor tokens).",
        requestBody: body({
          type: "object",
          required: ["projectId", "message"],
          additionalProperties: false,
          properties: { projectId: str, message: { type: "string", maxLength: 4000 }, conversationId: str },
        }),
        responses: {
          "200": ok({
            type: "object",
            required: ["reply", "suggestions", "followUpQuestions", "conversationId"],
            properties: {
              reply: str,
              codeGenerated: {
                type: "string",
                description:
                  "The proposed convex/schema.ts, when the reply proposes a change (stored as a pending version).",
              },
              proposalVersionId: str,
              suggestions: { type: "array", items: str },
              followUpQuestions: { type: "array", items: str },
              conversationId: str,
              ...CHAT_EXTRAS,
            },
          }),
          ...errors(400, 401, 403, 404, 413, 415, 429),
        },
      },
    },
    "/api/schema/migrate": {
      post: {
        summary:
          "Plan a migration from the current schema to targetSchema (viewer tokens); dryRun adds a preflight over the sandbox data; run (editor tokens) proposes targetSchema, approves its plan and starts the run.",
        requestBody: body({
          type: "object",
          required: ["projectId", "targetSchema"],
          properties: {
            projectId: str,
            targetSchema: { type: "string", description: "The full convex/schema.ts text." },
            options: {
              type: "object",
              additionalProperties: false,
              properties: {
                dryRun: { type: "boolean" },
                run: {
                  type: "boolean",
                  description:
                    "Start the run when nothing needs a person: no open rename or value, a passing preflight, no second approver required. Not with dryRun.",
                },
                renames: {
                  type: "object",
                  additionalProperties: { enum: ["rename", "addDrop"] },
                  description:
                    'With run: rename candidate key (as listed in a DECISIONS_NEEDED answer, e.g. "tasks.title->name") → rename or treat as add + drop.',
                },
                defaults: {
                  type: "object",
                  additionalProperties: {},
                  description:
                    'With run: "table.field" → the JSON value backfills write, e.g. {"tasks.priority": "medium"}.',
                },
              },
            },
          },
        }),
        responses: {
          "200": ok({
            type: "object",
            required: ["plan", "estimatedRisk", "rollbackStrategy"],
            properties: {
              ...PLAN_PROPERTIES,
              preflight: PREFLIGHT,
              status: {
                const: "applied",
                description: "With run, when no sandbox document had to change: the version is current.",
              },
              versionId: str,
            },
          }),
          "202": ok(
            {
              type: "object",
              required: ["plan", "estimatedRisk", "rollbackStrategy", "preflight", "runId", "status"],
              properties: {
                ...PLAN_PROPERTIES,
                preflight: PREFLIGHT,
                status: { const: "running" },
                versionId: str,
                planId: str,
                runId: str,
                statusUrl: { type: "string", description: "Poll it (GET); also in the Location header." },
              },
            },
            "With run: the run started; poll /api/schema/migrate/runs/{projectId}/{runId}.",
          ),
          ...errors(400, 401, 403, 404, 409, 413, 415, 422, 429),
        },
      },
    },
    "/api/schema/migrate/runs/{projectId}/{runId}": {
      get: {
        summary: "Status of a migration run.",
        parameters: [
          { name: "projectId", in: "path", required: true, schema: str },
          { name: "runId", in: "path", required: true, schema: str },
        ],
        responses: {
          "200": ok({
            type: "object",
            properties: {
              runId: str,
              planId: str,
              kind: { enum: ["apply", "rollback"] },
              status: { enum: ["queued", "running", "paused", "completed", "failed", "cancelled"] },
              phase: str,
              done: { type: "integer" },
              total: { type: "integer" },
              error: { type: ["string", "null"] },
              startedAt: { type: "number" },
              finishedAt: { type: ["number", "null"] },
            },
          }),
          ...errors(400, 401, 403, 404, 429),
        },
      },
    },
    "/api/schema/analyze/{projectId}": {
      get: {
        summary: "Lint findings, health score and optimizer findings of the current schema version.",
        parameters: [{ name: "projectId", in: "path", required: true, schema: str }],
        responses: {
          "200": ok({
            type: "object",
            required: ["analysis", "optimizations", "healthScore"],
            properties: {
              analysis: { type: "object" },
              optimizations: { type: "array", items: { type: "object" } },
              healthScore: { type: "number", minimum: 0, maximum: 100 },
            },
          }),
          "202": ok(
            { type: "object", properties: { status: { const: "pending" } } },
            "The analysis is still being computed; retry after Retry-After seconds.",
          ),
          ...errors(400, 401, 403, 404, 429),
        },
      },
    },
    "/api/schema/versions/{projectId}/{version}": {
      get: {
        summary:
          "The files of a schema version as they belong in the repository (schema-assistant pull): convex/schema.ts, the files it imports, and the migration module generated for the plan to it (viewer tokens).",
        parameters: [
          { name: "projectId", in: "path", required: true, schema: str },
          {
            name: "version",
            in: "path",
            required: true,
            schema: str,
            description: '"current" (the approved, live version), a version number ("3") or a version id.',
          },
        ],
        responses: {
          "200": ok(VERSION),
          ...errors(400, 401, 403, 404, 429),
        },
      },
    },
    "/api/schema/versions": {
      post: {
        summary:
          "Upload the repository's schema as a new pending version to review and migrate in the dashboard (schema-assistant push; editor tokens). A schema equal to the current one (as a model: formatting alone is no change) creates nothing.",
        requestBody: body({
          type: "object",
          required: ["projectId", "files"],
          properties: {
            projectId: str,
            files: {
              type: "array",
              minItems: 1,
              maxItems: 200,
              items: {
                type: "object",
                required: ["path", "content"],
                properties: { path: { type: "string", maxLength: 512 }, content: str },
              },
              description: "convex/schema.ts and the files it imports, paths relative to the project root.",
            },
          },
        }),
        responses: {
          "201": ok(VERSION, "A new pending version (unchanged: false)."),
          "200": ok(VERSION, "The current version already describes this schema (unchanged: true)."),
          ...errors(400, 401, 403, 404, 413, 415, 422, 429),
        },
      },
    },
  },
  components: {
    securitySchemes: {
      apiKey: {
        type: "apiKey",
        in: "header",
        name: "X-API-Key",
        description: "An API token, sa_ followed by 64 hex digits. Works on every deployment.",
      },
      bearer: {
        type: "http",
        scheme: "bearer",
        description:
          "The same token as a Bearer header; Convex deployments may reject non-JWT Bearer headers on HTTP actions, so prefer X-API-Key.",
      },
    },
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: { code: str, message: str, details: {} },
          },
        },
      },
    },
  },
  "x-webhooks": {
    description:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: documents the signed text `${t}.${body}` literally.
      "POST with JSON {event, projectId, occurredAt, data}; header X-Schema-Assistant-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of `${t}.${body}` with the webhook secret>. Retried 6 times with backoff (10 s doubling) on non-2xx.",
    events: [
      "analysis.completed",
      "migration.started",
      "migration.completed",
      "migration.failed",
      "migration.rolledBack",
    ],
  },
} as const;
