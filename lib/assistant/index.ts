/**
 * The schema assistant: answers a request about a Convex schema with a validated Proposal of typed operations.
 *
 * - `designFromRequest(request, schema, options)`: deterministic designer, no model or key needed.
 * - `proposeWithModel(input)`: a language model (any `ModelClient`) with tool calls, repaired at most twice,
 *   falling back to the designer on timeouts and errors. The OpenAI-compatible client and `runAssistant` live in
 *   convex/lib/openaiModel.ts, outside the pure engine.
 * - `finalizeProposal(schema, draft, hooks)`: validation, diff and destructive classification both paths share.
 */
export { designFromRequest, DEFAULT_MAX_REQUEST } from "./designer/index";
export { finalizeProposal, destructiveReasons, schemaDiff, type ProposalDraft } from "./proposal";
export type { ChatTurn, DesignOptions, Proposal, ProposalHooks, ProposalSource, Usage } from "./types";
export { proposeWithModel, type AssistantResult, type ProposeWithModelInput } from "./model/index";
export {
  ModelTimeoutError,
  type ModelClient,
  type ModelMessage,
  type ModelTool,
  type ModelToolCall,
  type ModelTurn,
} from "./model/client";
export {
  parseOperations,
  operationSchema,
  operationsSchema,
  proposalArgsSchema,
  type ParseOperationsResult,
} from "./operation-schemas";
