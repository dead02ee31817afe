/**
 * Public types of the schema assistant: what a request produces (a Proposal) and the options of both paths.
 */
import type { Diagnostic, SchemaModel } from "../schema/model";
import type { SchemaOperation } from "../schema/operations";

/** Where a proposal came from: the deterministic designer or a language model. */
export type ProposalSource = "designer" | "model";

/**
 * The assistant's answer to one request: typed operations plus everything a UI needs to show and approve them.
 * `valid` is false only when the operations did not apply; then `operations` is empty and `schema` is unchanged.
 */
export interface Proposal {
  operations: SchemaOperation[];
  explanation: string;
  assumptions: string[];
  /** 0..1; low when the request was vague, contradictory or only partly understood. */
  confidence: number;
  /** Clarifying questions; non-empty when the request was ambiguous or contradictory. */
  questions: string[];
  /** true when applying may lose or invalidate existing data: route it through a migration plan. */
  destructive: boolean;
  /** One sentence per destructive operation, with quoted names. */
  destructiveReasons: string[];
  /** The schema after applying `operations` (the input schema when there are none). */
  schema: SchemaModel;
  /** Unified diff of `convex/schema.ts` before → after. Empty when nothing changes. */
  diff: string;
  /** Lint findings (lib/lint) on the resulting schema. */
  lint: Diagnostic[];
  source: ProposalSource;
  /** Why the model path was not used or its answer was rejected. */
  fallbackReason?: string;
  /** false when the operations failed validation; `errors` says why. Never true for an invalid schema. */
  valid: boolean;
  errors: string[];
  /** What the message asked for (set by the chat's front door, lib/assistant/turn). */
  intent?: "design" | "change" | "code" | "optimize" | "lint" | "explain" | "impact" | "offtopic";
  /** The engines that ran to answer, in words ("optimizer: 10 functions in 4 files"). */
  ran?: string[];
  /** Findings behind the answer (optimizer, lint, impact), with places in the project's files. */
  findings?: TurnFinding[];
  /** Generated code, when the message asked for code. */
  code?: { files: Record<string, string>; tables: string[] };
}

/** One finding the assistant reports: what, where (file:line or schema path), and for which function. */
export interface TurnFinding {
  code?: string;
  severity?: "error" | "warning" | "info";
  message: string;
  file?: string;
  line?: number;
  path?: string;
  functions?: string[];
}

/** Token usage reported by the model. */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** Hooks the designer and the model path share: printing and linting the result. */
export interface ProposalHooks {
  /** Prints a schema as `convex/schema.ts` source, for the diff. Defaults to lib/schema `printSchema`. */
  print?: (schema: SchemaModel) => string;
  /** Lints the resulting schema. Defaults to lib/lint `lintSchema`. */
  lint?: (schema: SchemaModel) => Diagnostic[];
}

export interface DesignOptions extends ProposalHooks {
  /**
   * Earlier requests of the conversation (oldest first); used only to resolve "it"/"them" and follow-ups.
   * @default []
   */
  history?: string[];
  /**
   * Longest request accepted, in characters.
   * @default 4000
   */
  maxRequestLength?: number;
}

/** One turn of a conversation, as sent to the model. */
export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}
