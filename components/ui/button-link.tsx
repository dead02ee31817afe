import Link from "next/link";
import type { ReactNode } from "react";

const STYLES = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
} as const;

export function buttonClass(variant: keyof typeof STYLES = "primary"): string {
  return `inline-flex items-center gap-1 rounded-md px-3.5 py-2 text-sm font-medium disabled:opacity-60 ${STYLES[variant]}`;
}

export function ButtonLink({
  href,
  children,
  variant,
}: {
  href: string;
  children: ReactNode;
  variant?: keyof typeof STYLES;
}) {
  return (
    <Link href={href} className={buttonClass(variant)}>
      {children}
    </Link>
  );
}
