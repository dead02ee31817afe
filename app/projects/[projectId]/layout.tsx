import type { ReactNode } from "react";
import { ProjectProvider } from "@/components/projects/project-context";
import { ProjectHeader } from "@/components/projects/project-header";

export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  return (
    <ProjectProvider projectId={projectId}>
      <ProjectHeader />
      {children}
    </ProjectProvider>
  );
}
