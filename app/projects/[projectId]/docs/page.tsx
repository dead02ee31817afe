import { DocsPage } from "@/components/docs/docs-page";

export default function Page() {
  return <DocsPage />;
}
