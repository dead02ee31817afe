/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as assistant_conversations from "../assistant/conversations.js";
import type * as assistant_replyNode from "../assistant/replyNode.js";
import type * as crons from "../crons.js";
import type * as http from "../http.js";
import type * as httpApi_chat from "../httpApi/chat.js";
import type * as httpApi_engineNode from "../httpApi/engineNode.js";
import type * as httpApi_migrate from "../httpApi/migrate.js";
import type * as httpApi_migrateRun from "../httpApi/migrateRun.js";
import type * as httpApi_openapi from "../httpApi/openapi.js";
import type * as httpApi_queries from "../httpApi/queries.js";
import type * as httpApi_shared from "../httpApi/shared.js";
import type * as httpApi_tokens from "../httpApi/tokens.js";
import type * as lib_access from "../lib/access.js";
import type * as lib_analysis from "../lib/analysis.js";
import type * as lib_backupChunks from "../lib/backupChunks.js";
import type * as lib_crypto from "../lib/crypto.js";
import type * as lib_guardedFetch from "../lib/guardedFetch.js";
import type * as lib_jsonDepth from "../lib/jsonDepth.js";
import type * as lib_openaiModel from "../lib/openaiModel.js";
import type * as lib_optimizerStats from "../lib/optimizerStats.js";
import type * as lib_planView from "../lib/planView.js";
import type * as lib_projectFiles from "../lib/projectFiles.js";
import type * as lib_rateLimit from "../lib/rateLimit.js";
import type * as lib_sandboxCounts from "../lib/sandboxCounts.js";
import type * as lib_valueJson from "../lib/valueJson.js";
import type * as lib_webhookTarget from "../lib/webhookTarget.js";
import type * as migrations_lock from "../migrations/lock.js";
import type * as migrations_planning from "../migrations/planning.js";
import type * as migrations_plans from "../migrations/plans.js";
import type * as migrations_retention from "../migrations/retention.js";
import type * as migrations_runs from "../migrations/runs.js";
import type * as migrations_sandbox from "../migrations/sandbox.js";
import type * as migrations_store from "../migrations/store.js";
import type * as optimizer_reports from "../optimizer/reports.js";
import type * as optimizer_runNode from "../optimizer/runNode.js";
import type * as privacy_retention from "../privacy/retention.js";
import type * as privacy_userData from "../privacy/userData.js";
import type * as projects_audit from "../projects/audit.js";
import type * as projects_deletion from "../projects/deletion.js";
import type * as projects_importNode from "../projects/importNode.js";
import type * as projects_importReports from "../projects/importReports.js";
import type * as projects_presence from "../projects/presence.js";
import type * as projects_projects from "../projects/projects.js";
import type * as projects_projectsNode from "../projects/projectsNode.js";
import type * as schemaVersions_analyses from "../schemaVersions/analyses.js";
import type * as schemaVersions_diagramLayouts from "../schemaVersions/diagramLayouts.js";
import type * as schemaVersions_files from "../schemaVersions/files.js";
import type * as schemaVersions_proposals from "../schemaVersions/proposals.js";
import type * as schemaVersions_proposalsNode from "../schemaVersions/proposalsNode.js";
import type * as schemaVersions_pushNode from "../schemaVersions/pushNode.js";
import type * as team_invitations from "../team/invitations.js";
import type * as team_localAccounts from "../team/localAccounts.js";
import type * as team_members from "../team/members.js";
import type * as team_users from "../team/users.js";
import type * as webhooks_deliverNode from "../webhooks/deliverNode.js";
import type * as webhooks_webhooks from "../webhooks/webhooks.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  "assistant/conversations": typeof assistant_conversations;
  "assistant/replyNode": typeof assistant_replyNode;
  crons: typeof crons;
  http: typeof http;
  "httpApi/chat": typeof httpApi_chat;
  "httpApi/engineNode": typeof httpApi_engineNode;
  "httpApi/migrate": typeof httpApi_migrate;
  "httpApi/migrateRun": typeof httpApi_migrateRun;
  "httpApi/openapi": typeof httpApi_openapi;
  "httpApi/queries": typeof httpApi_queries;
  "httpApi/shared": typeof httpApi_shared;
  "httpApi/tokens": typeof httpApi_tokens;
  "lib/access": typeof lib_access;
  "lib/analysis": typeof lib_analysis;
  "lib/backupChunks": typeof lib_backupChunks;
  "lib/crypto": typeof lib_crypto;
  "lib/guardedFetch": typeof lib_guardedFetch;
  "lib/jsonDepth": typeof lib_jsonDepth;
  "lib/openaiModel": typeof lib_openaiModel;
  "lib/optimizerStats": typeof lib_optimizerStats;
  "lib/planView": typeof lib_planView;
  "lib/projectFiles": typeof lib_projectFiles;
  "lib/rateLimit": typeof lib_rateLimit;
  "lib/sandboxCounts": typeof lib_sandboxCounts;
  "lib/valueJson": typeof lib_valueJson;
  "lib/webhookTarget": typeof lib_webhookTarget;
  "migrations/lock": typeof migrations_lock;
  "migrations/planning": typeof migrations_planning;
  "migrations/plans": typeof migrations_plans;
  "migrations/retention": typeof migrations_retention;
  "migrations/runs": typeof migrations_runs;
  "migrations/sandbox": typeof migrations_sandbox;
  "migrations/store": typeof migrations_store;
  "optimizer/reports": typeof optimizer_reports;
  "optimizer/runNode": typeof optimizer_runNode;
  "privacy/retention": typeof privacy_retention;
  "privacy/userData": typeof privacy_userData;
  "projects/audit": typeof projects_audit;
  "projects/deletion": typeof projects_deletion;
  "projects/importNode": typeof projects_importNode;
  "projects/importReports": typeof projects_importReports;
  "projects/presence": typeof projects_presence;
  "projects/projects": typeof projects_projects;
  "projects/projectsNode": typeof projects_projectsNode;
  "schemaVersions/analyses": typeof schemaVersions_analyses;
  "schemaVersions/diagramLayouts": typeof schemaVersions_diagramLayouts;
  "schemaVersions/files": typeof schemaVersions_files;
  "schemaVersions/proposals": typeof schemaVersions_proposals;
  "schemaVersions/proposalsNode": typeof schemaVersions_proposalsNode;
  "schemaVersions/pushNode": typeof schemaVersions_pushNode;
  "team/invitations": typeof team_invitations;
  "team/localAccounts": typeof team_localAccounts;
  "team/members": typeof team_members;
  "team/users": typeof team_users;
  "webhooks/deliverNode": typeof webhooks_deliverNode;
  "webhooks/webhooks": typeof webhooks_webhooks;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
