/**
 * The chat's front door with `designFromRequest`'s shape, so the real-app eval can score what the chat answers
 * (intent routing included): `npx tsx eval/run-real-eval.ts --designer lib/assistant/turn/chat-designer.ts`.
 */
import type { SchemaModel } from "../../schema/model";
import type { DesignOptions, Proposal } from "../types";
import { answerTurn } from "./index";

export function designFromRequest(request: string, schema: SchemaModel, options: DesignOptions = {}): Proposal {
  return answerTurn(request, { schema }, options);
}
