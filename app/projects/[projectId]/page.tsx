import { ProjectOverview } from "@/components/projects/project-overview";

export default function ProjectPage() {
  return <ProjectOverview />;
}
