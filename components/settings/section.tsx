"use client";
import { useState, type ReactNode } from "react";
import { ErrorBox } from "@/components/ui/empty-state";
import { errorText } from "@/components/ui/error-text";

export { errorText };

/** A titled settings card. */
export function Section({
  title,
  description,
  children,
  wide,
}: {
  title: string;
  description?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <section
      aria-label={title}
      className={`rounded-lg border border-slate-200 bg-white p-5 ${wide ? "lg:col-span-2" : ""}`}
    >
      <h2 className="font-semibold">{title}</h2>
      {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      <div className="mt-3 space-y-3">{children}</div>
    </section>
  );
}

/** Runs an async action, keeping its error for display. */
export function useRunner() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setError(null);
    setBusy(true);
    try {
      return await fn();
    } catch (err) {
      setError(errorText(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  const errorBox = error ? <ErrorBox>{error}</ErrorBox> : null;
  return { run, busy, errorBox };
}

/** A secret shown once, with a copy button. */
export function OneTimeSecret({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
      <p className="font-medium">{label} — copy it now, it will not be shown again.</p>
      <div className="mt-2 flex gap-2">
        <code data-testid="one-time-secret" className="flex-1 break-all rounded bg-white px-2 py-1 text-xs">
          {value}
        </code>
        <button
          type="button"
          className="rounded border border-slate-300 px-2 text-xs"
          onClick={() => navigator.clipboard?.writeText(value)}
        >
          Copy
        </button>
      </div>
    </div>
  );
}

export const inputClass = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
export const smallButton =
  "rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-50 disabled:opacity-50";
