import { VersionHistory } from "@/components/migrations/version-history";

export default function MigrationsPage() {
  return <VersionHistory />;
}
