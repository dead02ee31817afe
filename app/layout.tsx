import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/auth/providers";
import { AppShell } from "@/components/layout/app-shell";
import "./globals.css";

export const metadata: Metadata = {
  title: "Schema Assistant",
  description: "Design, document, migrate and optimize the schema of your Convex app.",
};

// The Convex URL is read per request so one build serves any backend (embedded or cloud).
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  const convexUrl = process.env.NEXT_PUBLIC_CONVEX_URL ?? process.env.CONVEX_URL ?? "http://127.0.0.1:3210";
  const clerkKey = process.env.CLERK_SECRET_KEY ? process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY : undefined;
  return (
    <html lang="en">
      <body>
        <Providers convexUrl={convexUrl} clerkKey={clerkKey}>
          <AppShell clerkEnabled={Boolean(clerkKey)}>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
