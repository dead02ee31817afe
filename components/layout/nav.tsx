"use client";
import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { UserMenu } from "@/components/auth/user-menu";

const LAST_PROJECT_KEY = "schema-assistant.last-project";

const PROJECT_TABS = [
  { label: "Chat", tab: "chat" },
  { label: "Diagram", tab: "diagram" },
  { label: "Docs", tab: "docs" },
  { label: "Migrations", tab: "migrations" },
  { label: "Settings", tab: "settings" },
] as const;

/** Projects · Chat · Diagram · Docs · Migrations · Settings. Project tabs open the current or last project. */
export function Nav({ signedIn, clerkEnabled }: { signedIn: boolean; clerkEnabled: boolean }) {
  const pathname = usePathname();
  const params = useParams<{ projectId?: string }>();
  const [lastProject, setLastProject] = useState<string | null>(null);

  useEffect(() => {
    if (params.projectId) window.localStorage.setItem(LAST_PROJECT_KEY, params.projectId);
    setLastProject(params.projectId ?? window.localStorage.getItem(LAST_PROJECT_KEY));
  }, [params.projectId]);

  const item = (href: string | null, label: string, active: boolean) =>
    href ? (
      <Link
        key={label}
        href={href}
        aria-current={active ? "page" : undefined}
        className={`rounded-md px-3 py-2 text-sm font-medium ${
          active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        }`}
      >
        {label}
      </Link>
    ) : (
      <span
        key={label}
        title="Open a project first"
        className="cursor-not-allowed rounded-md px-3 py-2 text-sm text-slate-400"
      >
        {label}
      </span>
    );

  return (
    <aside className="flex shrink-0 flex-row items-center gap-2 overflow-x-auto border-b border-slate-200 bg-white px-3 py-2 lg:h-screen lg:w-56 lg:flex-col lg:items-stretch lg:border-b-0 lg:border-r lg:px-3 lg:py-4 lg:sticky lg:top-0">
      <Link href="/" className="mr-2 flex items-center gap-2 px-2 font-semibold text-slate-900 lg:mb-4 lg:mr-0">
        <span className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white">SA</span>
        <span className="hidden sm:inline">Schema Assistant</span>
      </Link>
      <nav aria-label="Main" className="flex flex-row gap-1 lg:flex-col">
        {item("/", "Projects", pathname === "/" || pathname === "/projects/new")}
        {PROJECT_TABS.map(({ label, tab }) =>
          item(signedIn && lastProject ? `/projects/${lastProject}/${tab}` : null, label, pathname.endsWith(`/${tab}`)),
        )}
      </nav>
      <div className="ml-auto lg:ml-0 lg:mt-auto">
        <UserMenu clerkEnabled={clerkEnabled} />
      </div>
    </aside>
  );
}
