import { ProjectList } from "@/components/projects/project-list";

export default function HomePage() {
  return <ProjectList />;
}
