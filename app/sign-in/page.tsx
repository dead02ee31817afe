import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";

export default function SignInPage() {
  return (
    // The form reads ?invite= and ?next= from the URL.
    <Suspense>
      <SignInForm
        clerkEnabled={Boolean(process.env.CLERK_SECRET_KEY && process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY)}
      />
    </Suspense>
  );
}
