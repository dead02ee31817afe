"use client";
import { useConvex } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";

/** Saves `text` as a file named `name` (a Blob link, clicked once). */
function save(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/typescript" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Download buttons for a version's convex/schema.ts and, when a plan led to it, its generated migration module. */
export function VersionDownload({
  versionId,
  semver,
  hasPlan,
}: {
  versionId: Id<"schemaVersions">;
  semver: string;
  hasPlan: boolean;
}) {
  const convex = useConvex();
  const [error, setError] = useState<string | null>(null);
  const download = async (what: "schema" | "migration") => {
    setError(null);
    try {
      const v = await convex.query(api.schemaVersions.files.get, { versionId });
      if (what === "schema") save(`schema-v${semver}.ts`, v.files["convex/schema.ts"]);
      else if (v.migration) save(`migrations-v${semver}.ts`, v.migration.code);
      else setError("No migration code was generated for this version.");
    } catch (err) {
      setError(err instanceof Error ? err.message.split("\n")[0] : String(err));
    }
  };
  const button = "rounded-md border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50";
  return (
    <fieldset className="flex items-center gap-1.5" aria-label={`Download v${semver}`}>
      <button
        type="button"
        className={button}
        onClick={() => void download("schema")}
        title="Download this version's convex/schema.ts"
      >
        Download schema.ts
      </button>
      {hasPlan && (
        <button
          type="button"
          className={button}
          onClick={() => void download("migration")}
          title="Download the migration module generated for this version (convex/migrations/plans.ts)"
        >
          Download migration
        </button>
      )}
      {error && <span className="text-xs text-red-700">{error}</span>}
    </fieldset>
  );
}
