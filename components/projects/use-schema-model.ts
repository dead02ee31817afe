"use client";
import { useMemo } from "react";
import type { SchemaModel } from "@/lib/schema/browser";
import { storedModel } from "@/lib/stored/model";
import { useProject } from "./project-context";

/** The current schema version's model, parsed once per version. */
export function useSchemaModel(): SchemaModel | null {
  const project = useProject();
  const version = project.version;
  const json = version?.modelJson;
  const id = version?._id;
  return useMemo(() => (json ? storedModel.parse(json, `schemaVersions ${id}`) : null), [json, id]);
}
