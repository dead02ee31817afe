"use client";
import { useMemo } from "react";
import type { SchemaModel } from "@/lib/schema/browser";
import { useProject } from "./project-context";

/** The current schema version's model, parsed once per version. */
export function useSchemaModel(): SchemaModel | null {
  const project = useProject();
  const json = project.version?.modelJson;
  return useMemo(() => (json ? (JSON.parse(json) as SchemaModel) : null), [json]);
}
