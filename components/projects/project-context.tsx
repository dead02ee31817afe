"use client";
import { useQuery } from "convex/react";
import { createContext, useContext, type ReactNode } from "react";
import { api } from "@/convex/_generated/api";
import type { FunctionReturnType } from "convex/server";
import { useUserReady } from "@/components/auth/ensure-user";
import { Spinner } from "@/components/ui/spinner";
import { NotFoundMessage } from "@/components/ui/not-found-message";

export type ProjectData = NonNullable<FunctionReturnType<typeof api.projects.projects.find>>;

const ProjectContext = createContext<ProjectData | null>(null);

/** Loads a project once for all its tabs; missing or foreign projects show "not found". */
export function ProjectProvider({ projectId, children }: { projectId: string; children: ReactNode }) {
  const ready = useUserReady();
  const project = useQuery(api.projects.projects.find, ready ? { projectId } : "skip");
  if (project === undefined) {
    return (
      <div className="p-6">
        <Spinner label="Loading project…" />
      </div>
    );
  }
  if (project === null) return <NotFoundMessage what="project" />;
  return <ProjectContext.Provider value={project}>{children}</ProjectContext.Provider>;
}

export function useProject(): ProjectData {
  const project = useContext(ProjectContext);
  if (!project) throw new Error("useProject must be used inside ProjectProvider");
  return project;
}
