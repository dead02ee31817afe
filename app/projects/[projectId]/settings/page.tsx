import { ProjectSettings } from "@/components/settings/project-settings";

export default function SettingsPage() {
  return <ProjectSettings />;
}
