"use client";
import { fieldToCode } from "@/lib/schema/model";
import { referenceCount } from "@/lib/schema/relationships";
import { EmptyState } from "@/components/ui/empty-state";
import { ImportReportCard } from "./import-report-card";
import { useProject } from "./project-context";
import { useSchemaModel } from "./use-schema-model";

/** Tables with their fields and indexes at a glance. */
export function ProjectOverview() {
  const project = useProject();
  const model = useSchemaModel();
  if (!model || model.tables.length === 0) {
    return (
      <EmptyState title="This schema has no tables yet">
        Describe your app in Chat, or add tables in the Diagram.
      </EmptyState>
    );
  }
  const fieldCount = model.tables.reduce((n, t) => n + t.fields.length, 0);
  const indexCount = model.tables.reduce(
    (n, t) => n + t.indexes.length + t.searchIndexes.length + t.vectorIndexes.length,
    0,
  );
  return (
    <div className="space-y-6 p-6">
      <ImportReportCard projectId={project._id} />
      <dl className="grid grid-cols-4 gap-4 sm:max-w-2xl">
        {[
          ["Tables", model.tables.length],
          ["Fields", fieldCount],
          ["Indexes", indexCount],
          // The same count as the diagram and the docs (lib/schema/relationships).
          ["References", referenceCount(model)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      <section className="grid gap-4 lg:grid-cols-2 2xl:grid-cols-3" aria-label="Tables">
        {model.tables.map((t) => (
          <section key={t.name} className="rounded-lg border border-slate-200 bg-white">
            <h2 className="border-b border-slate-100 px-4 py-2 font-mono text-sm font-semibold">{t.name}</h2>
            <ul className="divide-y divide-slate-50 px-4 py-1 text-xs">
              {t.fields.map((f) => (
                <li key={f.name} className="flex justify-between gap-4 py-1">
                  <span className="font-mono text-slate-800">
                    {f.name}
                    {f.optional ? "?" : ""}
                  </span>
                  <span className="truncate font-mono text-slate-500" title={fieldToCode(f)}>
                    {fieldToCode(f)}
                  </span>
                </li>
              ))}
            </ul>
            {t.indexes.length + t.searchIndexes.length + t.vectorIndexes.length > 0 && (
              <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
                Indexes:{" "}
                {[
                  ...t.indexes.map((i) => `${i.name} (${i.fields.join(", ")})`),
                  ...t.searchIndexes.map((i) => `${i.name} (search ${i.searchField})`),
                  ...t.vectorIndexes.map((i) => `${i.name} (vector ${i.vectorField})`),
                ].join(" · ")}
              </p>
            )}
          </section>
        ))}
      </section>
    </div>
  );
}
