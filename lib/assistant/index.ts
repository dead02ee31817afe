/**
 * The schema assistant: answers a request about a Convex schema with a validated Proposal of typed operations.
 *
 * - `designFromRequest(request, schema, options)`: deterministic designer, no model or key needed.
 * - `runAssistant(input)`: a language model (OpenAI-compatible) with tool calls, repaired at most twice,
 *   falling back to the designer on timeouts and errors.
 * - `finalizeProposal(schema, draft, hooks)`: validation, diff and destructive classification both paths share.
 */
export { designFromRequest, DEFAULT_MAX_REQUEST } from "./designer/index";
export { finalizeProposal, destructiveReasons, schemaDiff, type ProposalDraft } from "./proposal";
export type { ChatTurn, DesignOptions, Proposal, ProposalHooks, ProposalSource, Usage } from "./types";
export { runAssistant, DEFAULT_MODEL, type AssistantResult, type ModelEnv, type RunAssistantInput } from "./model/index";
export { parseOperations, operationSchema, operationsSchema, proposalArgsSchema, type ParseOperationsResult } from "./operation-schemas";
