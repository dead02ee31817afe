import Link from "next/link";

/** The not-found page body, for unknown routes and for projects that do not exist or are not shared with you. */
export function NotFoundMessage({ what = "page" }: { what?: string }) {
  return (
    <div className="mx-auto mt-24 max-w-md px-4 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">This {what} was not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        It may have been deleted, the link may be wrong, or it has not been shared with you.
      </p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-600 hover:underline">
        Back to projects
      </Link>
    </div>
  );
}
