import type { Id } from "@/convex/_generated/dataModel";
import type { ImportReport } from "@/convex/projects/importNode";
import { ButtonLink } from "@/components/ui/button-link";
import { count } from "@/lib/text";

/** What was created, with the way into the new project. */
export function ImportCreated({ created, report }: { created: Id<"projects"> | null; report: ImportReport | null }) {
  if (!created) return null;
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-3 rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900"
    >
      <span>
        Project created with {count(report?.tables.length ?? 0, "table")}
        {report?.data
          ? ` and ${count(
              report.data.tables.reduce((n, t) => n + t.written, 0),
              "document",
            )} in its sandbox`
          : ""}
        .
      </span>
      <ButtonLink href={`/projects/${created}`}>Open project</ButtonLink>
    </div>
  );
}
