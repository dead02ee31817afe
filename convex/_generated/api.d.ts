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
import type * as analyses from "../analyses.js";
import type * as apiChat from "../apiChat.js";
import type * as apiHttp from "../apiHttp.js";
import type * as apiMigrate from "../apiMigrate.js";
import type * as apiMigrateRun from "../apiMigrateRun.js";
import type * as apiNode from "../apiNode.js";
import type * as apiOpenapi from "../apiOpenapi.js";
import type * as apiQueries from "../apiQueries.js";
import type * as apiTokens from "../apiTokens.js";
import type * as assistantNode from "../assistantNode.js";
import type * as audit from "../audit.js";
import type * as conversations from "../conversations.js";
import type * as crons from "../crons.js";
import type * as diagramLayouts from "../diagramLayouts.js";
import type * as http from "../http.js";
import type * as importNode from "../importNode.js";
import type * as importReports from "../importReports.js";
import type * as invitations from "../invitations.js";
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
import type * as localAccounts from "../localAccounts.js";
import type * as members from "../members.js";
import type * as migrationLock from "../migrationLock.js";
import type * as migrationPlanning from "../migrationPlanning.js";
import type * as migrationRetention from "../migrationRetention.js";
import type * as migrationRuns from "../migrationRuns.js";
import type * as migrationStore from "../migrationStore.js";
import type * as migrations from "../migrations.js";
import type * as optimizer from "../optimizer.js";
import type * as optimizerNode from "../optimizerNode.js";
import type * as presence from "../presence.js";
import type * as projectDeletion from "../projectDeletion.js";
import type * as projects from "../projects.js";
import type * as projectsNode from "../projectsNode.js";
import type * as proposals from "../proposals.js";
import type * as proposalsNode from "../proposalsNode.js";
import type * as retention from "../retention.js";
import type * as sandbox from "../sandbox.js";
import type * as userData from "../userData.js";
import type * as users from "../users.js";
import type * as versionFiles from "../versionFiles.js";
import type * as versionPush from "../versionPush.js";
import type * as webhooks from "../webhooks.js";
import type * as webhooksDeliver from "../webhooksDeliver.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  analyses: typeof analyses;
  apiChat: typeof apiChat;
  apiHttp: typeof apiHttp;
  apiMigrate: typeof apiMigrate;
  apiMigrateRun: typeof apiMigrateRun;
  apiNode: typeof apiNode;
  apiOpenapi: typeof apiOpenapi;
  apiQueries: typeof apiQueries;
  apiTokens: typeof apiTokens;
  assistantNode: typeof assistantNode;
  audit: typeof audit;
  conversations: typeof conversations;
  crons: typeof crons;
  diagramLayouts: typeof diagramLayouts;
  http: typeof http;
  importNode: typeof importNode;
  importReports: typeof importReports;
  invitations: typeof invitations;
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
  localAccounts: typeof localAccounts;
  members: typeof members;
  migrationLock: typeof migrationLock;
  migrationPlanning: typeof migrationPlanning;
  migrationRetention: typeof migrationRetention;
  migrationRuns: typeof migrationRuns;
  migrationStore: typeof migrationStore;
  migrations: typeof migrations;
  optimizer: typeof optimizer;
  optimizerNode: typeof optimizerNode;
  presence: typeof presence;
  projectDeletion: typeof projectDeletion;
  projects: typeof projects;
  projectsNode: typeof projectsNode;
  proposals: typeof proposals;
  proposalsNode: typeof proposalsNode;
  retention: typeof retention;
  sandbox: typeof sandbox;
  userData: typeof userData;
  users: typeof users;
  versionFiles: typeof versionFiles;
  versionPush: typeof versionPush;
  webhooks: typeof webhooks;
  webhooksDeliver: typeof webhooksDeliver;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
