/**
 * Runs before Next matches a route. Next decodes dynamic route segments itself and answers a malformed
 * percent-encoding (e.g. /api/schema/analyze/%E0%A4%A) with a bare 500; the HTTP API answers 400 INVALID_PATH
 * with a JSON code instead, as the backend does.
 */
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  const path = new URL(request.url).pathname;
  for (const segment of path.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return NextResponse.json(
        { error: { code: "INVALID_PATH", message: "The path is not valid percent-encoding." } },
        { status: 400 },
      );
    }
  }
  return NextResponse.next();
}

export const config = { matcher: "/api/schema/:path*" };
