"use client";
import { useMutation } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { PlanSectionProps } from "./types";

/** The values to write into existing documents, and the questions the plan asks. */
export function BackfillValues({ planId, stored, editable, work }: PlanSectionProps) {
  const setDefault = useMutation(api.migrations.plans.setDefault);
  const [values, setValues] = useState<Record<string, string>>({});
  const { act, label, busy } = work;
  const { plan } = stored;
  if (plan.decisions.length === 0 && Object.keys(stored.defaults).length === 0) return null;
  return (
    <div>
      <h3 className="text-sm font-semibold">Values to backfill</h3>
      <ul className="mt-1 space-y-1 text-xs">
        {[
          ...plan.decisions.filter((d) => d.field).map((d) => `${d.table}.${d.field}`),
          ...Object.keys(stored.defaults),
        ].map((key) => (
          <li key={key} className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{key}</span>
            {key in stored.defaults ? (
              <span className="font-mono text-emerald-700">= {JSON.stringify(stored.defaults[key])}</span>
            ) : (
              <span className="text-amber-700">needs a value</span>
            )}
            {editable && (
              <>
                <input
                  aria-label={`Value for ${key}`}
                  placeholder='JSON, e.g. "medium" or 0'
                  value={values[key] ?? ""}
                  onChange={(e) => setValues({ ...values, [key]: e.target.value })}
                  className="w-48 rounded border border-slate-300 px-1.5 py-0.5 font-mono"
                />
                <button
                  type="button"
                  className="rounded border border-slate-300 px-2 hover:bg-slate-50"
                  disabled={busy !== null}
                  onClick={() =>
                    act(
                      `default:${key}`,
                      () => setDefault({ planId, key, valueJson: values[key] ?? "" }),
                      `Value set for ${key}; the preflight is running again.`,
                    )
                  }
                >
                  {label(`default:${key}`, "Set value", "Setting…")}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {plan.decisions
        .filter((d) => !d.field)
        .map((d) => (
          <p key={d.question} className="text-xs text-amber-700">
            {d.question}
          </p>
        ))}
    </div>
  );
}
