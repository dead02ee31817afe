"use client";
import { useAction, useQuery } from "convex/react";
import { useMemo, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { connectOperations } from "@/lib/diagram";
import { applyOperations, type SchemaOperation } from "@/lib/schema/operations";
import { storedModel } from "@/lib/stored/model";
import { TableEditor } from "@/components/designer/table-editor";
import { PendingProposals } from "@/components/proposals/pending-proposals";
import { useProject } from "@/components/projects/project-context";
import { useSchemaModel } from "@/components/projects/use-schema-model";
import { ErrorBox } from "@/components/ui/empty-state";
import { ErDiagram } from "./er-diagram";
import { useSavedDraft } from "./use-saved-draft";
import { count } from "@/lib/text";

/**
 * The diagram and visual designer: edits collect as draft operations (validated as they are made), then
 * "Propose" turns them into a pending version with its diff, the same path chat proposals take.
 */
export function DiagramPage() {
  const project = useProject();
  const current = useSchemaModel();
  const pending = useQuery(api.schemaVersions.proposals.pending, { projectId: project._id });
  const optimizer = useQuery(api.optimizer.reports.current, { projectId: project._id });
  const [showFunctions, setShowFunctions] = useState(false);
  const propose = useAction(api.schemaVersions.proposalsNode.fromOperations);
  const [draft, setDraft] = useSavedDraft(project._id);
  const [selected, setSelected] = useState<string | null>(null);
  const [previewId, setPreviewId] = useState<Id<"schemaVersions"> | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const editable = project.role !== "viewer";

  const base = current ?? { tables: [], options: { schemaValidation: true, strictTableNameTypes: true }, warnings: [] };
  const drafted = useMemo(() => applyOperations(base, draft), [base, draft]);
  const draftModel = drafted.ok ? drafted.schema : base;
  const preview = useMemo(() => {
    const p = pending?.find((x) => x._id === previewId);
    return p ? storedModel.parse(p.modelJson, `schemaVersions ${p._id}`) : null;
  }, [pending, previewId]);

  /** Adds operations to the draft only when the whole draft still applies. */
  function addOperations(ops: SchemaOperation[]) {
    const next = [...draft, ...ops];
    const result = applyOperations(base, next);
    if (!result.ok) return setErrors(result.errors.map((e) => e.message));
    setErrors([]);
    setDraft(next);
    setPreviewId(null);
  }

  async function submitDraft() {
    setBusy(true);
    try {
      const result = await propose({ projectId: project._id, operations: draft, summary: summarize(draft) });
      if (!result.ok) return setErrors(result.errors);
      setDraft([]);
      setErrors([]);
    } catch (err) {
      setErrors([err instanceof Error ? err.message : String(err)]);
    } finally {
      setBusy(false);
    }
  }

  const shown = preview ?? draftModel;
  const selectedTable = selected ? draftModel.tables.find((t) => t.name === selected) : undefined;
  return (
    <div className="flex h-[calc(100vh-7.5rem)] min-h-[480px] flex-col lg:flex-row">
      <div className="relative min-h-[360px] flex-1">
        <ErDiagram
          projectId={project._id}
          projectName={project.name}
          model={shown}
          baseModel={preview || draft.length ? base : undefined}
          editable={editable && !preview}
          onSelectTable={editable && !preview ? setSelected : undefined}
          onConnectTables={(s, t) => addOperations(connectOperations(draftModel, s, t))}
          overlay={showFunctions ? optimizer?.tableMap : null}
        />
        {/* On the canvas, not in the side panel: it stays at hand while the table editor is open. */}
        {optimizer && optimizer.functionCount > 0 && (
          <label className="absolute bottom-3 left-14 z-10 flex items-center gap-2 rounded-md border border-slate-200 bg-white/95 px-2.5 py-1.5 text-xs text-slate-700 shadow-sm">
            <input type="checkbox" checked={showFunctions} onChange={(e) => setShowFunctions(e.target.checked)} />
            Show which functions read (blue) and write (orange) each table ({count(optimizer.functionCount, "function")}
            )
          </label>
        )}
      </div>
      {selectedTable && editable && !preview ? (
        <TableEditor
          key={selectedTable.name}
          model={draftModel}
          table={selectedTable}
          onOperations={addOperations}
          onClose={() => setSelected(null)}
        />
      ) : (
        <aside
          className="w-full space-y-4 overflow-y-auto border-l border-slate-200 bg-slate-50 p-4 lg:w-96"
          aria-label="Designer"
        >
          {editable && <AddTable onAdd={(name) => addOperations([{ op: "createTable", table: name, fields: [] }])} />}
          {errors.length > 0 && (
            <ErrorBox title="That change is not valid">
              {errors.map((e) => (
                <p key={e}>{e}</p>
              ))}
            </ErrorBox>
          )}
          {draft.length > 0 && (
            <section className="rounded-lg border border-amber-300 bg-amber-50 p-3" aria-label="Draft changes">
              <h2 className="text-sm font-semibold text-amber-900">{count(draft.length, "unsaved edit")}</h2>
              <ul className="mt-1 list-disc pl-5 text-xs text-amber-900">
                {draft.map((o, i) => (
                  <li key={i}>{describe(o)}</li>
                ))}
              </ul>
              <div className="mt-2 flex gap-2">
                <button
                  type="button"
                  disabled={busy}
                  onClick={submitDraft}
                  className="rounded-md bg-brand-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-brand-700 disabled:opacity-60"
                >
                  {busy ? "Proposing…" : "Propose change"}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    setDraft([]);
                    setErrors([]);
                  }}
                  className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs"
                >
                  Discard
                </button>
              </div>
            </section>
          )}
          <PendingProposals previewId={previewId} onPreview={setPreviewId} />
          {!draft.length && !pending?.length && (
            <p className="text-xs text-slate-500">
              {editable
                ? "Click a table to edit it, drag from a table's blue dot to another table to add a reference, or add a table above."
                : "You can view this project; editors can change it."}
            </p>
          )}
        </aside>
      )}
    </div>
  );
}

function AddTable({ onAdd }: { onAdd(name: string): void }) {
  const [name, setName] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    onAdd(name.trim());
    setName("");
  };
  return (
    <form onSubmit={submit} className="flex gap-2" aria-label="Add table">
      <input
        aria-label="New table name"
        placeholder="newTable"
        value={name}
        onChange={(e) => setName(e.target.value)}
        className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
      />
      <button
        type="submit"
        className="rounded-md bg-brand-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-brand-700"
      >
        Add table
      </button>
    </form>
  );
}

function describe(o: SchemaOperation): string {
  switch (o.op) {
    case "createTable":
      return `Create table "${o.table}"`;
    case "dropTable":
      return `Drop table "${o.table}"`;
    case "renameTable":
      return `Rename table "${o.from}" to "${o.to}"`;
    case "addField":
      return `Add field "${o.table}.${o.field.name}"`;
    case "removeField":
      return `Remove field "${o.table}.${o.field}"`;
    case "renameField":
      return `Rename "${o.table}.${o.from}" to "${o.to}"`;
    case "changeFieldType":
      return `Change the type of "${o.table}.${o.field}"`;
    case "setOptional":
      return `Make "${o.table}.${o.field}" ${o.optional ? "optional" : "required"}`;
    case "addIndex":
      return `Add index "${o.table}.${o.index.name}"`;
    case "removeIndex":
      return `Remove index "${o.table}.${o.name}"`;
    case "addSearchIndex":
      return `Add search index "${o.table}.${o.index.name}"`;
    case "addVectorIndex":
      return `Add vector index "${o.table}.${o.index.name}"`;
    case "setDescription":
      return `Describe "${o.table}${o.field ? `.${o.field}` : ""}"`;
  }
}

function summarize(ops: SchemaOperation[]): string {
  const first = describe(ops[0]);
  return ops.length === 1 ? first : `${first} and ${count(ops.length - 1, "more edit")} (designer)`;
}
