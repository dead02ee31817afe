"use client";
import { useAction } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { ImportProblem, ImportReport } from "@/convex/projects/importNode";
import { guessKind, readDataFiles, type TextFile } from "../import-files";

export type Kind = "prisma" | "sql";

/**
 * The import form's state and work: the source (pasted or uploaded) and its kind, the data files, the mapping
 * report, the created project and the problems. Any change to the input drops the report, so what is created is
 * always what was previewed.
 */
export function useImport(name: string) {
  const preview = useAction(api.projects.importNode.preview);
  const create = useAction(api.projects.importNode.create);
  const [kind, setKind] = useState<Kind>("prisma");
  const [source, setSource] = useState("");
  const [sourceName, setSourceName] = useState("");
  const [dataFiles, setDataFiles] = useState<TextFile[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [created, setCreated] = useState<Id<"projects"> | null>(null);
  const [errors, setErrors] = useState<ImportProblem[]>([]);
  const [busy, setBusy] = useState<"" | "preview" | "create" | "read">("");
  const [inferJson, setInferJson] = useState(false);

  function changed() {
    setReport(null);
    setCreated(null);
    setErrors([]);
  }

  async function chooseSource(file: File | undefined) {
    if (!file) return;
    const text = await file.text();
    setSource(text);
    setSourceName(file.name);
    setKind(guessKind(file.name, text));
    changed();
  }

  async function chooseData(list: FileList | null) {
    changed();
    setBusy("read");
    try {
      const read = await readDataFiles(Array.from(list ?? []));
      setDataFiles(read.files);
      setSkipped(read.skipped);
    } catch (e) {
      setDataFiles([]);
      setErrors([{ code: "DATA-FILES", severity: "error", message: e instanceof Error ? e.message : String(e) }]);
    } finally {
      setBusy("");
    }
  }

  async function run(which: "preview" | "create") {
    setBusy(which);
    setErrors([]);
    try {
      const args = {
        kind,
        source,
        fileName: sourceName || undefined,
        dataFiles: dataFiles.length ? dataFiles : undefined,
        inferJson,
      };
      if (which === "preview") {
        setReport(await preview(args));
        return;
      }
      if (!name.trim()) {
        setErrors([{ code: "IMP-NAME", severity: "error", message: "Give the project a name first." }]);
        return;
      }
      const result = await create({ ...args, name });
      if (result.ok) {
        setReport(result.report);
        setCreated(result.projectId);
      } else {
        // Source errors are in the report already; show the others (name, size) above it.
        const shown = new Set(result.report?.diagnostics.map((d) => `${d.code}:${d.message}`));
        if (result.report) setReport(result.report);
        setErrors(result.errors.filter((e) => !shown.has(`${e.code}:${e.message}`)));
      }
    } catch (e) {
      setErrors([{ code: "IMP-FAILED", severity: "error", message: e instanceof Error ? e.message : String(e) }]);
    } finally {
      setBusy("");
    }
  }

  const canCreate = Boolean(report?.ok) && !created && busy === "";
  return {
    kind,
    setKind,
    source,
    setSource,
    sourceName,
    dataFiles,
    skipped,
    report,
    created,
    errors,
    busy,
    inferJson,
    setInferJson,
    changed,
    chooseSource,
    chooseData,
    run,
    canCreate,
  };
}

export type ImportState = ReturnType<typeof useImport>;
