/** Optimizer codes that no check emits: the analysis and the codemod report them (checks: findings/opt1xx). */
import type { Severity } from "../diagnostics";

export const OPTIMIZER_CODES: Record<string, { severity: Severity; summary: string }> = {
  OPT001: { severity: "error", summary: "A function file could not be parsed, so its database accesses are unknown." },
  OPT002: { severity: "error", summary: "The codemod could not find the schema file among the project files." },
};
