"use client";
import { DataInput } from "./import/data-input";
import { ImportActions } from "./import/import-actions";
import { ImportCreated } from "./import/import-created";
import { ImportErrors } from "./import/import-errors";
import { SourceInput } from "./import/source-input";
import { useImport } from "./import/use-import";
import { ImportReportView } from "./import-report";

/**
 * The "Import Prisma / SQL" tab: a schema.prisma or SQL file (pasted or uploaded) and optional data files; the
 * mapping report is previewed before anything is saved, then the project is created with its data in the sandbox.
 * The form's state and work live in `useImport`; each part of the form is its own component in `./import/`.
 */
export function ImportProjectPanel({ name }: { name: string }) {
  const state = useImport(name);
  return (
    <div className="space-y-5">
      <SourceInput state={state} />
      <DataInput state={state} />
      <ImportErrors errors={state.errors} />
      <ImportActions state={state} />
      <ImportCreated created={state.created} report={state.report} />
      {state.report && <ImportReportView report={state.report} />}
    </div>
  );
}
