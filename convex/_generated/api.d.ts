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
import type * as assistantNode from "../assistantNode.js";
import type * as conversations from "../conversations.js";
import type * as diagramLayouts from "../diagramLayouts.js";
import type * as importNode from "../importNode.js";
import type * as lib_access from "../lib/access.js";
import type * as lib_analysis from "../lib/analysis.js";
import type * as lib_demoFunctions from "../lib/demoFunctions.js";
import type * as lib_demoSchema from "../lib/demoSchema.js";
import type * as lib_projectFiles from "../lib/projectFiles.js";
import type * as members from "../members.js";
import type * as optimizer from "../optimizer.js";
import type * as optimizerNode from "../optimizerNode.js";
import type * as presence from "../presence.js";
import type * as projects from "../projects.js";
import type * as projectsNode from "../projectsNode.js";
import type * as proposals from "../proposals.js";
import type * as proposalsNode from "../proposalsNode.js";
import type * as sandbox from "../sandbox.js";
import type * as users from "../users.js";
import type * as versions from "../versions.js";

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
  assistantNode: typeof assistantNode;
  conversations: typeof conversations;
  diagramLayouts: typeof diagramLayouts;
  importNode: typeof importNode;
  "lib/access": typeof lib_access;
  "lib/analysis": typeof lib_analysis;
  "lib/demoFunctions": typeof lib_demoFunctions;
  "lib/demoSchema": typeof lib_demoSchema;
  "lib/projectFiles": typeof lib_projectFiles;
  members: typeof members;
  optimizer: typeof optimizer;
  optimizerNode: typeof optimizerNode;
  presence: typeof presence;
  projects: typeof projects;
  projectsNode: typeof projectsNode;
  proposals: typeof proposals;
  proposalsNode: typeof proposalsNode;
  sandbox: typeof sandbox;
  users: typeof users;
  versions: typeof versions;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
