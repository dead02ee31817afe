/**
 * The chat's front door: classifies a message and answers it with the engine it asks for — the designer for
 * designs and changes, the optimizer for "make it faster", lint for "is my schema OK", the access analysis for
 * "what breaks if …", the code generator for "generate CRUD" — and a short reply with no operation when it is
 * not about the schema. Every answer is a Proposal that says what ran (`ran`) and what was asked (`intent`).
 */
import { selfRefusal } from "../changes/reader";
import { designFromRequest } from "../designer/index";
import { classifyIntent, type Intent } from "../intent/classify";
import type { DesignOptions, Proposal, ProposalHooks } from "../types";
import { codeAnswer } from "./code";
import { type ProjectContext, reportProposal } from "./context";
import { reportExistingTables } from "./existing";
import { explainAnswer } from "./explain";
import { impactAnswer } from "./impact";
import { lintAnswer } from "./lint";
import { offTopicAnswer } from "./offtopic";
import { optimizeAnswer } from "./optimize";

export { classifyIntent, type Intent, type IntentResult } from "../intent/classify";
export { functionFiles, type ProjectContext } from "./context";
export { reportExistingTables } from "./existing";

/**
 * Answers messages that are not designs or changes with their engine; undefined for designs and changes, which
 * the caller proposes with the model or the designer (then passes through `finishDesign`).
 */
export function answerWithEngines(
  request: string,
  project: ProjectContext,
  hooks: ProposalHooks = {},
): Proposal | undefined {
  const intent = classifyIntent(request, project.schema);
  switch (intent.intent) {
    case "offtopic":
      return offTopicAnswer(request, project, hooks);
    case "code":
      return codeAnswer(request, project, hooks);
    case "optimize":
      return optimizeAnswer(request, project, hooks);
    case "lint":
      return lintAnswer(project, hooks);
    case "impact":
      return withAskedChange(
        request,
        project,
        impactAnswer(intent.action ?? "use", intent.target ?? "", project, hooks),
      );
    case "explain":
      return explainAnswer(intent.target ?? "schema", project, hooks);
    default:
      return undefined;
  }
}

/**
 * "can we rename title to heading on tasks?": what breaks, and the change itself ready to approve when the grammar
 * reads it completely (no question, no new table). "What breaks if …" and "what uses …" are answered as asked.
 */
function withAskedChange(request: string, project: ProjectContext, impact: Proposal): Proposal {
  // "what breaks if …" is hypothetical: only "can we …" / "is it safe to …" ask to do it.
  if (!/^(?:(?:so|ok|okay|hey|and),?\s+)?(?:can|could)\s+(?:i|we|you)\b|^is\s+it\s+safe\s+to\b/i.test(request.trim()))
    return impact;
  // The change as an order: from its verb on, without "safely", "without breaking anything" and the "?".
  const at = request.search(/\b(?:rename|remove|delete|drop|change|make)\b/i);
  if (at < 0) return impact;
  const asked = request
    .slice(at)
    .replace(/\s+(?:safely|without\s+breaking\s+(?:anything|stuff|the\s+app))\b/gi, "")
    .replace(/[?.!\s]+$/, "");
  if (classifyIntent(asked, project.schema).intent !== "change") return impact;
  const p = designFromRequest(asked, project.schema, { history: project.history });
  const complete =
    p.valid && p.questions.length === 0 && p.operations.length > 0 && !p.operations.some((o) => o.op === "createTable");
  // The impact could not tell which field; the grammar's own question about it is as specific.
  if (!complete)
    return impact.questions.length && p.questions.length && !p.operations.length ? { ...p, intent: "impact" } : impact;
  return {
    ...p,
    explanation: `${impact.explanation}\n\n${p.explanation}`,
    intent: "impact",
    ran: [...(impact.ran ?? []), "change grammar (deterministic)"],
    ...(impact.findings ? { findings: impact.findings } : {}),
  };
}

/** Marks a design/change proposal with its intent and what ran, and reports tables the design found existing. */
export function finishDesign(
  request: string,
  before: ProjectContext["schema"],
  proposal: Proposal,
  ran: string,
): Proposal {
  const intent: Intent =
    classifyIntent(request, before).intent === "design" || proposal.operations.some((o) => o.op === "createTable")
      ? "design"
      : "change";
  const reviewed = intent === "design" ? reportExistingTables(request, before, proposal) : proposal;
  return { ...reviewed, intent, ran: [ran] };
}

/**
 * A change the grammar understood completely (operations or "already", no question, no new table): answered
 * without the model even when one is configured — exact, instant and free. Undefined otherwise (the model's turn).
 */
export function grammarAnswer(
  request: string,
  project: ProjectContext,
  options: DesignOptions = {},
): Proposal | undefined {
  if (classifyIntent(request, project.schema).intent !== "change") return undefined;
  const refused = refusal(request, project);
  if (refused) return refused;
  const p = designFromRequest(request, project.schema, {
    ...options,
    history: options.history ?? project.history,
  });
  const understood =
    p.valid &&
    p.questions.length === 0 &&
    p.confidence >= 0.85 &&
    !p.operations.some((o) => o.op === "createTable") &&
    (p.operations.length > 0 || /\balready\b/.test(p.explanation));
  return understood
    ? { ...p, intent: "change", ran: ["change grammar (deterministic; the model was not needed)"] }
    : undefined;
}

/** One turn with the deterministic designer (no model): for the CLI without a key, the bench and the eval. */
export function answerTurn(request: string, project: ProjectContext, options: DesignOptions = {}): Proposal {
  const routed = answerWithEngines(request, project, options);
  if (routed) return routed;
  const refused = refusal(request, project);
  if (refused) return refused;
  const proposal = designFromRequest(request, project.schema, {
    ...options,
    history: options.history ?? project.history,
  });
  return finishDesign(request, project.schema, proposal, "designer (deterministic, no model)");
}

/** "index books by isbn and don't index books by isbn": a change asked for and refused is a question, no change. */
function refusal(request: string, project: ProjectContext): Proposal | undefined {
  if (classifyIntent(request, project.schema).intent !== "change") return undefined;
  const question = selfRefusal(request, project.schema);
  return question
    ? reportProposal(project, "change", "No change yet: the request contradicts itself.", {
        questions: [question],
        ran: ["change reader (deterministic)"],
        confidence: 0.3,
      })
    : undefined;
}
