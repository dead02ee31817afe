import type { SchemaModel } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";

export interface FollowUpContext {
  /** Schema after the follow-up operations so far. */
  schema: SchemaModel;
  operations: SchemaOperation[];
  notes: string[];
  assumptions: string[];
  questions: string[];
}

/** Handles one sentence if it is an edit; returns the text left for design extraction, or undefined. */
export function applyFollowUp(sentence: string, _ctx: FollowUpContext): string | undefined {
  return sentence;
}
