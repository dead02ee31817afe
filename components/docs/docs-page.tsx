"use client";
import { useQuery } from "convex/react";
import { marked, type Token } from "marked";
import { useMemo, useState } from "react";
import { api } from "@/convex/_generated/api";
import { generateDocs } from "@/lib/docs";
import { useProject } from "@/components/projects/project-context";
import { useSchemaModel } from "@/components/projects/use-schema-model";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { LintFindings } from "./lint-findings";
import { QueryInsights } from "./query-insights";

const TABS = ["Documentation", "Relationships", "Health & lint", "Query insights"] as const;
type Tab = (typeof TABS)[number];

const DOWNLOADS = [
  { file: "SCHEMA.md", label: "Markdown", type: "text/markdown" },
  { file: "schema.dbml", label: "DBML", type: "text/plain" },
  { file: "schema-ai-context.json", label: "AI context JSON", type: "application/json" },
  { file: "schema-manifest.json", label: "Manifest", type: "application/json" },
];

/** The living documentation of the current schema version, with downloads, and its health and lint findings. */
export function DocsPage() {
  const project = useProject();
  const model = useSchemaModel();
  const analysis = useQuery(api.schemaVersions.analyses.current, { projectId: project._id });
  const [tab, setTab] = useState<Tab>("Documentation");
  const version = project.version;
  const docs = useMemo(
    () =>
      model && version
        ? generateDocs(model, {
            source: version.source,
            generatedAt: new Date(version.createdAt).toISOString(),
            version: version.semver,
          })
        : null,
    [model, version],
  );
  if (!docs) return <EmptyState title="No schema yet">Create tables in Chat or the Diagram first.</EmptyState>;
  const html =
    tab === "Documentation"
      ? render(docs["SCHEMA.md"])
      : tab === "Relationships"
        ? render(docs["relationship-analysis.md"])
        : "";

  return (
    <div className="p-6">
      <div className="flex flex-wrap items-center gap-3">
        <div role="tablist" className="inline-flex gap-1 rounded-lg bg-slate-100 p-1">
          {TABS.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              onClick={() => setTab(t)}
              className={`rounded-md px-3 py-1.5 text-sm ${tab === t ? "bg-white font-medium shadow-sm" : "text-slate-600"}`}
            >
              {t}
              {t === "Health & lint" && analysis && (
                <span className="ml-1.5 rounded bg-slate-200 px-1 text-xs">{analysis.healthScore}</span>
              )}
            </button>
          ))}
        </div>
        <div className="ml-auto flex flex-wrap gap-2">
          {DOWNLOADS.map((d) => (
            <a
              key={d.file}
              download={d.file}
              href={`data:${d.type};charset=utf-8,${encodeURIComponent(docs[d.file] ?? "")}`}
              className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-xs hover:bg-slate-50"
            >
              ↓ {d.label}
            </a>
          ))}
        </div>
      </div>
      {tab === "Query insights" ? (
        <QueryInsights />
      ) : tab === "Health & lint" ? (
        analysis === undefined ? (
          <div className="mt-6">
            <Spinner />
          </div>
        ) : analysis === null ? (
          <p className="mt-6 text-sm text-slate-600">The analysis is being computed…</p>
        ) : (
          <LintFindings analysis={analysis} />
        )
      ) : (
        <article
          className="docs-prose mt-6 max-w-4xl rounded-lg border border-slate-200 bg-white p-6"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: lib/docs output rendered by toHtml below, which escapes raw HTML.
          dangerouslySetInnerHTML={{ __html: html }}
        />
      )}
    </div>
  );
}

/** Markdown to HTML. The text is generated from the schema model by lib/docs, and raw HTML in it is escaped. */
function render(markdown: string): string {
  // The Mermaid source is for GitHub and the download; here the Diagram tab draws the same relationships.
  const withoutMermaid = markdown.replace(
    /```mermaid[\s\S]*?```/g,
    "_The ER diagram is drawn in the Diagram tab; its Mermaid source is in the Markdown download._",
  );
  const escaped = withoutMermaid.replace(/</g, "&lt;");
  // Descriptions come from schema comments anyone on the project can write: links may only go to web pages.
  const safeLinks = (t: Token) => {
    if ((t.type === "link" || t.type === "image") && !/^(https?:|#|\/(?!\/))/i.test(t.href)) t.href = "#";
  };
  return marked.parse(escaped, { async: false, gfm: true, walkTokens: safeLinks }) as string;
}
