"use client";
import { useAction } from "convex/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { SchemaProblem } from "@/convex/projects/projectsNode";
import { buttonClass } from "@/components/ui/button-link";
import { ErrorBox } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ImportProjectPanel } from "./import-project-panel";
import { readZip } from "./read-zip";

type Mode = "empty" | "paste" | "zip" | "import";

/** A schema with no tables yet: the start of a design made in Chat and the Diagram. */
const EMPTY_SCHEMA = 'import { defineSchema } from "convex/server";\n\nexport default defineSchema({});\n';

/**
 * Create a project from nothing (an empty schema to design in Chat and the Diagram), a pasted `convex/schema.ts`, a zipped project folder, or an imported Prisma / SQL schema
 * (with data). Nothing is saved on errors.
 */
export function NewProjectForm() {
  const create = useAction(api.projects.projectsNode.create);
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("paste");
  const [name, setName] = useState("");
  const [source, setSource] = useState("");
  const [zip, setZip] = useState<File | null>(null);
  const [problems, setProblems] = useState<SchemaProblem[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblems([]);
    try {
      const files =
        mode === "empty"
          ? [{ path: "convex/schema.ts", content: EMPTY_SCHEMA }]
          : mode === "paste"
            ? [{ path: "convex/schema.ts", content: source }]
            : zip
              ? await readZip(zip)
              : [];
      if (files.length === 0) {
        setProblems([{ message: "Choose a zip file of your project folder." }]);
        return;
      }
      const result = await create({ name, files });
      if (result.ok) router.push(`/projects/${result.projectId}`);
      else setProblems(result.errors);
    } catch (err) {
      setProblems([{ message: err instanceof Error ? err.message : String(err) }]);
    } finally {
      setBusy(false);
    }
  }

  const tab = (m: Mode, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={mode === m}
      onClick={() => setMode(m)}
      className={`rounded-md px-3 py-1.5 text-sm ${mode === m ? "bg-white font-medium shadow-sm" : "text-slate-600"}`}
    >
      {label}
    </button>
  );

  return (
    <div>
      <PageHeader title="New project" subtitle="Bring your Convex app's schema: it is parsed, never executed." />
      <div className="mx-auto max-w-3xl space-y-5 p-6">
        <div>
          <label htmlFor="project-name" className="block text-sm font-medium">
            Project name
          </label>
          <input
            id="project-name"
            form="new-project"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none"
          />
        </div>
        <div role="tablist" className="inline-flex gap-1 rounded-lg bg-slate-100 p-1">
          {tab("paste", "Paste schema.ts")}
          {tab("zip", "Upload project zip")}
          {tab("import", "Import Prisma / SQL")}
          {tab("empty", "Start empty")}
        </div>
        {mode === "import" ? (
          <ImportProjectPanel name={name} />
        ) : (
          <form id="new-project" onSubmit={submit} className="space-y-5">
            {mode === "empty" ? (
              <p className="text-sm text-slate-600">
                The project starts with no tables: describe your app in Chat, or add tables in the Diagram. Every change
                is proposed, validated and approved as a new schema version.
              </p>
            ) : mode === "paste" ? (
              <div>
                <label htmlFor="schema-source" className="block text-sm font-medium">
                  convex/schema.ts
                </label>
                <textarea
                  id="schema-source"
                  required
                  rows={18}
                  spellCheck={false}
                  value={source}
                  onChange={(e) => setSource(e.target.value)}
                  placeholder={
                    'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n\nexport default defineSchema({\n  tasks: defineTable({ text: v.string() }),\n});'
                  }
                  className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs focus:border-brand-500 focus:outline-none"
                />
              </div>
            ) : (
              <div>
                <label htmlFor="project-zip" className="block text-sm font-medium">
                  Project folder as a .zip (must contain convex/schema.ts)
                </label>
                <input
                  id="project-zip"
                  type="file"
                  accept=".zip,application/zip"
                  onChange={(e) => setZip(e.target.files?.[0] ?? null)}
                  className="mt-1 block text-sm"
                />
              </div>
            )}
            {problems.length > 0 && (
              <ErrorBox title="The schema could not be read. Nothing was saved.">
                <ul className="mt-1 space-y-1 font-mono text-xs" data-testid="schema-errors">
                  {problems.map((p, i) => (
                    <li key={i}>
                      {p.file ? `${p.file}:${p.line ?? "?"}:${p.column ?? "?"}: ` : ""}
                      {p.message}
                    </li>
                  ))}
                </ul>
              </ErrorBox>
            )}
            <button type="submit" disabled={busy} className={buttonClass()}>
              {busy ? "Creating…" : "Create project"}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
