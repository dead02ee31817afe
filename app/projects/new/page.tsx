import { NewProjectForm } from "@/components/projects/new-project-form";

export default function NewProjectPage() {
  return <NewProjectForm />;
}
