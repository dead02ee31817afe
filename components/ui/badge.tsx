import type { ReactNode } from "react";

const TONES = {
  amber: "bg-amber-100 text-amber-800",
  red: "bg-red-100 text-red-700",
  emerald: "bg-emerald-100 text-emerald-800",
  slate: "bg-slate-100 text-slate-600",
  purple: "bg-purple-100 text-purple-800",
  sky: "bg-sky-100 text-sky-800",
} as const;

export type BadgeTone = keyof typeof TONES;

/**
 * A status word in a pill ("pending", "migration planned", "overtaken"). It never wraps inside or shrinks: in a
 * row that runs out of room the pill moves to the next line whole.
 */
export function Badge({
  tone = "slate",
  shape = "pill",
  className = "",
  children,
  ...rest
}: {
  tone?: BadgeTone;
  /** "pill" for a status, "tag" for a label (square corners, tighter). */
  shape?: "pill" | "tag";
  className?: string;
  children: ReactNode;
  "data-testid"?: string;
  title?: string;
}) {
  const form = shape === "pill" ? "rounded-full px-2 py-0.5" : "rounded px-1.5";
  return (
    <span className={`inline-block shrink-0 whitespace-nowrap text-xs ${form} ${TONES[tone]} ${className}`} {...rest}>
      {children}
    </span>
  );
}
