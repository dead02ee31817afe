/** Shapes of the real-app eval sets (eval/real/dev.json, eval/real/test.json). */
import type { SchemaOperation } from "../../lib/schema/operations";
import type { AppTruth } from "../tools/truth";
import type { Expectation } from "./annotate";

export interface DesignCase {
  id: string;
  repo: string;
  /** "readme": the README's own words; "rewrite": the same, rewritten as a user asking (faithful to the source). */
  kind: "readme" | "rewrite";
  request: string;
  expect: Expectation;
}

export type ChangeCategory =
  | "setOptional"
  | "setRequired"
  | "renameField"
  | "renameTable"
  | "addField"
  | "addRelation"
  | "addIndex"
  | "softDelete"
  | "enumNew"
  | "enumExtend"
  | "search"
  | "removeField"
  | "split"
  | "merge"
  | "offTopic"
  | "alreadyDone"
  | "contradictory"
  | "ambiguous";

export interface ChangeCase {
  id: string;
  /** The app whose real schema the request is made on. */
  repo: string;
  category: ChangeCategory;
  request: string;
  expect: {
    /** Acceptable operation lists: the result must equal the schema one of them gives (README, "Applied exactly"). */
    accept?: SchemaOperation[][];
    /** No operation at all (off-topic, already done, contradictory, ambiguous). */
    noOp?: true;
    /** The reply must say the schema already has it. */
    already?: true;
    /** A question is required; it must name one of these (a table, field or option from the request or schema). */
    question?: { mentions: string[] };
  };
}

export interface EvalSet {
  /**
   * "fresh": design cases only, apps in none of the other lists (eval/README.md, "Fresh design holdout"); "tune":
   * the same for tuning (eval/README.md, "Design tuning set").
   */
  set: "dev" | "test" | "fresh" | "tune";
  /** Truth of every app the set uses, by repository. */
  apps: Record<string, AppTruth>;
  design: DesignCase[];
  change: ChangeCase[];
}
