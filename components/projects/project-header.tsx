"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useProject } from "./project-context";
import { usePresence } from "./use-presence";

const TABS = [
  { label: "Overview", path: "" },
  { label: "Chat", path: "/chat" },
  { label: "Diagram", path: "/diagram" },
  { label: "Docs", path: "/docs" },
  { label: "Migrations", path: "/migrations" },
  { label: "Settings", path: "/settings" },
];

/** Project name, version and role above the project's tabs. */
export function ProjectHeader() {
  const project = useProject();
  const pathname = usePathname();
  const base = `/projects/${project._id}`;
  const view = pathname.slice(base.length + 1) || "overview";
  const others = usePresence(project._id, view);
  return (
    <header className="border-b border-slate-200 bg-white px-6 pt-5">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="text-xl font-semibold text-slate-900" data-testid="project-name">
          {project.name}
        </h1>
        {project.version && <span className="text-sm text-slate-500">schema v{project.version.semver}</span>}
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{project.role}</span>
        {others.length > 0 && (
          <span className="ml-auto flex items-center gap-1 text-xs text-slate-500" data-testid="presence">
            Also here:
            {others.map((o) => (
              <span
                key={o.userId}
                title={`${o.name} · ${o.view}`}
                className="grid h-6 w-6 place-items-center rounded-full bg-brand-100 text-[10px] font-semibold text-brand-700"
              >
                {o.name
                  .split(/\s+/)
                  .map((w) => w[0])
                  .join("")
                  .slice(0, 2)
                  .toUpperCase()}
              </span>
            ))}
          </span>
        )}
      </div>
      {project.description && <p className="mt-1 text-sm text-slate-600">{project.description}</p>}
      <nav aria-label="Project" className="-mb-px mt-4 flex gap-1 overflow-x-auto">
        {TABS.map((t) => {
          const href = base + t.path;
          const active = pathname === href;
          return (
            <Link
              key={t.label}
              href={href}
              aria-current={active ? "page" : undefined}
              className={`whitespace-nowrap border-b-2 px-3 pb-2 text-sm ${active ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {t.label}
            </Link>
          );
        })}
      </nav>
    </header>
  );
}
