/** A message that is not about the schema gets a short answer and no operation. */
import type { Proposal, ProposalHooks } from "../types";
import { reportProposal, type ProjectContext } from "./context";

export function offTopicAnswer(request: string, project: ProjectContext, hooks: ProposalHooks = {}): Proposal {
  const greeting = /^(?:hi|hello|hey|yo|hiya|good\s+\w+)\b/i.test(request.trim());
  const thanks = /^(?:thanks|thank\s+you|thx|cheers)\b/i.test(request.trim());
  const opener = greeting
    ? "Hello!"
    : thanks
      ? "You're welcome."
      : "That is not about your schema, so I made no change.";
  const example = project.schema.tables[0]?.name ?? "tasks";
  return reportProposal(
    project,
    "offtopic",
    `${opener} I can design a schema from a description, change this one ("add soft delete to ${example}"), review it ("is my schema OK?"), find slow queries ("make it faster"), say what a change would break ("what breaks if I rename ${example}?") or generate CRUD functions ("generate CRUD for ${example}").`,
    { ran: [], confidence: 1 },
    hooks,
  );
}
