/* eslint-disable */
/**
 * Generated `api` utility (as `npx convex dev` writes it for an app using the migrations component).
 * The module list names only `migrations`, the file the codegen test writes.
 */
import type { ApiFromModules, FilterApi, FunctionReference } from "convex/server";
import type * as migrations from "../migrations.js";

declare const fullApi: ApiFromModules<{
  migrations: typeof migrations;
}>;
export declare const api: FilterApi<typeof fullApi, FunctionReference<any, "public">>;
export declare const internal: FilterApi<typeof fullApi, FunctionReference<any, "internal">>;

export declare const components: {
  migrations: import("@convex-dev/migrations/_generated/component.js").ComponentApi<"migrations">;
};
