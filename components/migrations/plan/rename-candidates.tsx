"use client";
import { useMutation } from "convex/react";
import { api } from "@/convex/_generated/api";
import { candidateKey } from "@/lib/migrate";
import type { PlanSectionProps } from "./types";

/** Possible renames: nothing is renamed unless confirmed. */
export function RenameCandidates({ planId, stored, editable, work }: PlanSectionProps) {
  const decideRename = useMutation(api.migrations.plans.decideRename);
  const { act, label, busy } = work;
  if (stored.candidates.length === 0) return null;
  return (
    <div>
      <h3 className="text-sm font-semibold">Possible renames</h3>
      <p className="text-xs text-slate-500">
        Nothing is renamed unless you confirm it; otherwise the old name is dropped and the new one added.
      </p>
      <ul className="mt-1 space-y-1 text-xs">
        {stored.candidates.map((c) => {
          const key = candidateKey(c);
          const decided = stored.renames[key];
          return (
            <li key={key} className="flex flex-wrap items-center gap-2 rounded border border-slate-200 px-2 py-1">
              <span className="font-mono">{key}</span>
              <span className="text-slate-500">
                {Math.round(c.confidence * 100)}% · {c.reasons.join("; ")}
              </span>
              <span className="ml-auto">
                {decided ? (decided === "rename" ? "rename confirmed" : "add + drop") : "undecided"}
              </span>
              {editable && (
                <>
                  <button
                    type="button"
                    className="rounded border border-slate-300 px-2 hover:bg-slate-50"
                    disabled={busy !== null}
                    onClick={() =>
                      act(
                        `rename:${key}`,
                        () => decideRename({ planId, key, decision: "rename" }),
                        "Rename confirmed; the plan and its preflight are being redone.",
                      )
                    }
                  >
                    {label(`rename:${key}`, "Confirm rename", "Confirming…")}
                  </button>
                  <button
                    type="button"
                    className="rounded border border-slate-300 px-2 hover:bg-slate-50"
                    disabled={busy !== null}
                    onClick={() =>
                      act(
                        `adddrop:${key}`,
                        () => decideRename({ planId, key, decision: "addDrop" }),
                        "Kept as add + drop; the plan and its preflight are being redone.",
                      )
                    }
                  >
                    {label(`adddrop:${key}`, "Add + drop", "Saving…")}
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
