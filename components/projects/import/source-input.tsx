"use client";
import type { ImportState, Kind } from "./use-import";

const PLACEHOLDER: Record<Kind, string> = {
  prisma:
    "model User {\n  id    String @id @default(cuid())\n  email String @unique\n  posts Post[]\n}\n\nmodel Post {\n  id       Int    @id @default(autoincrement())\n  title    String\n  author   User   @relation(fields: [authorId], references: [id])\n  authorId String\n}",
  sql: "CREATE TABLE users (\n  id bigserial PRIMARY KEY,\n  email text NOT NULL UNIQUE\n);\n\n-- or paste a whole pg_dump: its COPY / INSERT data is imported too",
};

/** The source: its kind (Prisma or PostgreSQL), pasted or uploaded. */
export function SourceInput({ state }: { state: ImportState }) {
  const { kind, setKind, source, setSource, sourceName, changed, chooseSource } = state;
  return (
    <>
      <fieldset className="flex flex-wrap items-center gap-4 text-sm">
        <legend className="sr-only">Source kind</legend>
        {(["prisma", "sql"] as const).map((k) => (
          <label key={k} className="inline-flex items-center gap-1.5">
            <input
              type="radio"
              name="import-kind"
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                changed();
              }}
            />
            {k === "prisma" ? "Prisma schema" : "PostgreSQL DDL or pg_dump"}
          </label>
        ))}
      </fieldset>
      <div>
        <div className="flex items-end justify-between gap-3">
          <label htmlFor="import-source" className="block text-sm font-medium">
            {kind === "prisma" ? "schema.prisma" : "SQL schema"}
            {sourceName && <span className="ml-2 font-normal text-slate-500">from {sourceName}</span>}
          </label>
          <label className="text-sm text-brand-700">
            <span className="cursor-pointer underline">Upload a file</span>
            <input
              type="file"
              aria-label="Upload schema file"
              accept=".prisma,.sql,.txt"
              className="sr-only"
              onChange={(e) => void chooseSource(e.target.files?.[0])}
            />
          </label>
        </div>
        <textarea
          id="import-source"
          rows={14}
          spellCheck={false}
          value={source}
          placeholder={PLACEHOLDER[kind]}
          onChange={(e) => {
            setSource(e.target.value);
            changed();
          }}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs focus:border-brand-500 focus:outline-none"
        />
      </div>
    </>
  );
}
