import type { ImportProblem } from "@/convex/projects/importNode";
import { ErrorBox } from "@/components/ui/empty-state";

/** Problems that stopped the import, with file:line:column where known. */
export function ImportErrors({ errors }: { errors: ImportProblem[] }) {
  if (errors.length === 0) return null;
  return (
    <ErrorBox title="The import could not be created. Nothing was saved.">
      <ul className="mt-1 space-y-1 font-mono text-xs" data-testid="schema-errors">
        {errors.map((p, i) => (
          <li key={i}>
            {p.file ? `${p.file}:${p.line ?? "?"}:${p.column ?? "?"}: ` : ""}
            {p.message}
          </li>
        ))}
      </ul>
    </ErrorBox>
  );
}
