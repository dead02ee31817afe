import { DiagramPage } from "@/components/diagram/diagram-page";

export default function Page() {
  return <DiagramPage />;
}
