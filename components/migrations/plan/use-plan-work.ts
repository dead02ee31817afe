import { useState } from "react";
import { errorText } from "@/components/ui/error-text";

/**
 * The plan review's buttons share one piece of state: the button whose work is under way (its label says so, the
 * others wait), what came of the last one, and its error in words.
 */
export function usePlanWork() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const act = (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    setOutcome(null);
    setError(null);
    return fn()
      .then(
        () => setOutcome(done),
        (err: unknown) => setError(errorText(err)),
      )
      .finally(() => setBusy(null));
  };
  /** A button's label while its work runs. */
  const label = (key: string, idle: string, working: string) => (busy === key ? working : idle);
  return { error, busy, outcome, act, label };
}

export type PlanWork = ReturnType<typeof usePlanWork>;
