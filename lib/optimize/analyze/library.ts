/**
 * Calls into convex-helpers' relationship helpers (`getAll`, `getOneFrom`, `getManyFrom`, `getManyVia`, and
 * their `OrThrow` forms), which read through a known index: recorded as the accesses they make. Also
 * `@convex-dev/auth`'s `getAuthUserId` / `getAuthSessionId` and the `auth.getUserId` / `auth.getSessionId` of the
 * object `convexAuth(...)` returns, which read no table and return an id.
 */
import type { DbAccess, TerminalKind } from "../types";
import type { Node } from "./ast";
import { children, locOf } from "./ast";
import type { Evaluator, Frame } from "./evaluate";
import type { ImportBinding } from "./modules";
import type { QueryState, Value } from "./values";
import { join, memberOf, UNKNOWN } from "./values";

const RELATIONSHIPS = /^convex-helpers\/server\/relationships(\.js)?$/;

const AUTH = "@convex-dev/auth/server";

// @convex-dev/auth helpers that only read the identity (`ctx.auth`), never the database: the id they return.
const AUTH_IDENTITY: Record<string, string> = {
  [`${AUTH}:getAuthUserId`]: "users",
  [`${AUTH}:getAuthSessionId`]: "authSessions",
  [`${AUTH}:convexAuth().auth.getUserId`]: "users",
  [`${AUTH}:convexAuth().auth.getSessionId`]: "authSessions",
};

// Package functions whose result is a known library object (its members are followed by path).
const FACTORIES = new Set([`${AUTH}:convexAuth`]);

/** The value a call to an imported package function gives when it is a known factory (`convexAuth({...})`). */
export function libraryFactory(imp: ImportBinding): Value | undefined {
  const path = `${imp.spec}:${imp.imported}`;
  return FACTORIES.has(path) ? { k: "lib", path: `${path}()` } : undefined;
}

/** A call to a known library value (`auth.getUserId(ctx)`), or undefined when it is not known. */
export function libraryValueCall(ev: Evaluator, path: string): Value | undefined {
  const table = AUTH_IDENTITY[path];
  if (!table) return undefined;
  return !ev.run.schema || ev.run.schema.tables.some((t) => t.name === table) ? { k: "id", table } : UNKNOWN;
}

// better-auth's ctx checks return the ctx they are given (or throw): `requireActionCtx` one with no `db`.
const BETTER_AUTH = /^@convex-dev\/better-auth(\/utils)?$/;
const CTX_CHECKS: Record<string, "action" | "same"> = {
  requireActionCtx: "action",
  requireMutationCtx: "same",
  requireQueryCtx: "same",
  requireRunMutationCtx: "same",
};

// convex-helpers' migration starters only call `ctx.runMutation` on the registered migrations (analysed apart).
const MIGRATIONS = /^convex-helpers\/server\/migrations(\.js)?$/;
const RUNS_ONLY = new Set(["startMigration", "startMigrationsSerially"]);

// convex-helpers' `filter(query, predicate)`: the same query, its documents passed through a JS predicate as read.
const FILTER = /^convex-helpers\/server\/filter(\.js)?$/;

function helpersFilter(
  ev: Evaluator,
  q: Extract<Value, { k: "query" }>,
  predicate: Value,
  n: Node,
  frame: Frame,
): Value {
  const docs = q.states.map((s): Value => (s.computed ? UNKNOWN : { k: "doc", table: s.table })).reduce(join);
  // The predicate may read more itself (it gets each document).
  if (predicate.k === "fn") ev.callFunction(predicate, [docs], frame);
  const states = q.states.map((s) => {
    s.tracker.used = true;
    const next: QueryState = { ...s, steps: [...s.steps, "filter"], node: n, tracker: { used: false } };
    ev.run.states.push(next);
    return next;
  });
  return { k: "query", states };
}

/** The accesses of a relationship helper call, or undefined when `imp` is not one. */
export function libraryCall(
  ev: Evaluator,
  imp: ImportBinding,
  args: Value[],
  n: Node,
  frame: Frame,
): Value | undefined {
  const identity = libraryValueCall(ev, `${imp.spec}:${imp.imported}`);
  if (identity) return identity;
  const check = BETTER_AUTH.test(imp.spec) ? CTX_CHECKS[imp.imported] : undefined;
  if (check && args[0]?.k === "ctx") return check === "action" ? { ...args[0], action: true } : args[0];
  if (MIGRATIONS.test(imp.spec) && RUNS_ONLY.has(imp.imported)) return UNKNOWN;
  if (FILTER.test(imp.spec) && imp.imported === "filter" && args[0]?.k === "query")
    return helpersFilter(ev, args[0], args[1] ?? UNKNOWN, n, frame);
  if (!RELATIONSHIPS.test(imp.spec) || args[0]?.k !== "db") return undefined;
  const str = (v: Value | undefined): string | undefined => (v?.k === "str" ? v.v : undefined);
  const name = imp.imported.replace(/OrThrow$/, "");
  if (name === "getAll") {
    const ids = args.length >= 3 ? args[2] : args[1];
    const table = args.length >= 3 ? str(args[1]) : ids?.k === "array" && ids.el.k === "id" ? ids.el.table : undefined;
    if (!table) return unknown(ev, n, frame, imp.imported, false);
    record(ev, frame, n, table, "get");
    return { k: "array", el: { k: "doc", table } };
  }
  if (name !== "getOneFrom" && name !== "getManyFrom" && name !== "getManyVia") return undefined;
  const via = name === "getManyVia";
  const table = str(args[1]);
  const toField = via ? str(args[2]) : undefined;
  const index = str(args[via ? 3 : 2]);
  const explicitField = args[via ? 5 : 4];
  const field = explicitField ? str(explicitField) : index?.startsWith("by_") ? index.slice(3) : index;
  if (!table || !index || !field || (via && !toField)) {
    unknown(ev, n, frame, imp.imported, true);
    // The index name (or the table it is read on) comes from values not known here.
    const last = ev.run.notAnalysed[ev.run.notAnalysed.length - 1];
    if (table) last.table = table;
    if (!index) last.indexNameUnknown = true;
    else last.indexes = [index];
    return UNKNOWN;
  }
  const terminal: TerminalKind = name === "getOneFrom" ? "unique" : "collect";
  ev.consume(children(n, "arguments")[via ? 3 : 2], frame);
  const access = record(ev, frame, n, table, "query");
  access.index = { name: index, loc: access.loc, eq: [field], range: [], steps: [{ op: "eq", field }] };
  access.equalityFields = [field];
  access.terminal = { kind: terminal, loc: access.loc };
  const doc: Value = { k: "doc", table };
  if (!via) return terminal === "unique" ? doc : { k: "array", el: doc };
  const target = memberOf(doc, toField as string, ev.run.schema);
  if (target.k !== "id") return unknown(ev, n, frame, imp.imported, false);
  record(ev, frame, n, target.table, "get");
  return { k: "array", el: { k: "doc", table: target.table } };
}

function record(ev: Evaluator, frame: Frame, n: Node, table: string, operation: "get" | "query"): DbAccess {
  const fn = ev.run.fn;
  const access: DbAccess = {
    function: fn.name,
    functionKind: fn.kind,
    file: fn.file,
    loc: locOf(frame.module.parsed, n),
    via: [...ev.run.via],
    table,
    operation,
    mode: "read",
    filters: [],
    equalityFields: [],
    rangeFields: [],
    filterFields: [],
  };
  ev.run.accesses.push(access);
  return access;
}

function unknown(ev: Evaluator, n: Node, frame: Frame, name: string, affectsIndexes: boolean): Value {
  ev.notAnalysed(
    n,
    frame,
    `The table, index or field given to "${name}" is computed at run time.`,
    undefined,
    affectsIndexes,
  );
  return UNKNOWN;
}
