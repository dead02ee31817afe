import { AcceptInvitation } from "@/components/settings/accept-invitation";

export default async function InvitePage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  return <AcceptInvitation secret={secret} />;
}
