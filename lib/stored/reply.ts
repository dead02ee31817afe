/**
 * `messages.proposalJson`: the reply's proposal summary (convex/assistant/replyNode.ts writes it), read by the chat's
 * cards and by POST /api/schema/chat. Validated on the way in instead of cast: the lists and flags they show are
 * checked, other keys are kept.
 */
import { z } from "zod";
import { storedShape } from ".";

export interface ProposalInfo {
  assumptions: string[];
  questions: string[];
  confidence: number;
  destructive: boolean;
  lint: { code: string; severity: string; message: string }[];
  source: "designer" | "model";
  fallbackReason?: string;
  operations: unknown[];
  intent?: string;
  ran?: string[];
  findings?: {
    code?: string;
    severity?: string;
    message: string;
    file?: string;
    line?: number;
    path?: string;
    functions?: string[];
  }[];
  /** Set on replies that generated code instead of proposing a schema. */
  code?: { files: Record<string, string> };
}

const finding = z.looseObject({
  code: z.string().optional(),
  severity: z.string().optional(),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().optional(),
  path: z.string().optional(),
  functions: z.array(z.string()).optional(),
});

export const storedReply = storedShape<ProposalInfo>(
  "reply proposal",
  1,
  z.looseObject({
    assumptions: z.array(z.string()),
    questions: z.array(z.string()),
    confidence: z.number(),
    destructive: z.boolean(),
    lint: z.array(z.looseObject({ code: z.string(), severity: z.string(), message: z.string() })),
    source: z.enum(["designer", "model"]),
    fallbackReason: z.string().optional(),
    operations: z.array(z.unknown()),
    intent: z.string().optional(),
    ran: z.array(z.string()).optional(),
    findings: z.array(finding).optional(),
    code: z.looseObject({ files: z.record(z.string(), z.string()) }).optional(),
  }),
);
