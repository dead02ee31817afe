"use client";
import { useQuery } from "convex/react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { useUserReady } from "@/components/auth/ensure-user";
import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";

/** The caller's projects, updated live when a teammate adds one. */
export function ProjectList() {
  const ready = useUserReady();
  const projects = useQuery(api.projects.projects.list, ready ? {} : "skip");
  return (
    <div>
      <PageHeader
        title="Projects"
        subtitle="Each project is one Convex app's schema, shared with your team."
        actions={<ButtonLink href="/projects/new">New project</ButtonLink>}
      />
      <div className="p-6">
        {projects === undefined ? (
          <Spinner label="Loading projects…" />
        ) : projects.length === 0 ? (
          <EmptyState title="No projects yet" action={<ButtonLink href="/projects/new">Create a project</ButtonLink>}>
            Paste a <code>convex/schema.ts</code> or upload your project folder as a zip to get started.
          </EmptyState>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Projects">
            {projects.map((p) => (
              <li key={p._id}>
                <Link
                  href={`/projects/${p._id}`}
                  className="block h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-500 hover:shadow"
                >
                  <div className="flex items-start justify-between gap-2">
                    <h2 className="font-semibold text-slate-900">{p.name}</h2>
                    {p.isDemo && (
                      <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-800">demo</span>
                    )}
                  </div>
                  {p.description && <p className="mt-1 line-clamp-2 text-sm text-slate-600">{p.description}</p>}
                  <dl className="mt-4 flex gap-4 text-xs text-slate-500">
                    <div>
                      <dt className="inline">Tables </dt>
                      <dd className="inline font-medium text-slate-700">{p.tableCount}</dd>
                    </div>
                    {p.semver && (
                      <div>
                        <dt className="inline">Version </dt>
                        <dd className="inline font-medium text-slate-700">{p.semver}</dd>
                      </div>
                    )}
                    <div>
                      <dt className="inline">Role </dt>
                      <dd className="inline font-medium text-slate-700">{p.role}</dd>
                    </div>
                  </dl>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
