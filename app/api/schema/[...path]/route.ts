/**
 * The HTTP API (convex/http.ts) on the dashboard's origin: requests are forwarded to the Convex site URL, read per
 * request (not at build time), so one build works against the embedded backend and a cloud deployment alike.
 */
const FORWARDED_HEADERS = ["authorization", "x-api-key", "content-type", "accept"];

async function forward(request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const site = process.env.CONVEX_SITE_URL ?? process.env.NEXT_PUBLIC_CONVEX_SITE_URL;
  if (!site) {
    return Response.json({ error: { code: "NOT_CONFIGURED", message: "CONVEX_SITE_URL is not set, so the HTTP API is not reachable here." } }, { status: 503 });
  }
  const { path } = await params;
  const url = new URL(`${site.replace(/\/$/, "")}/api/schema/${path.map(encodeURIComponent).join("/")}`);
  url.search = new URL(request.url).search;
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
  const upstream = await fetch(url, { method: request.method, headers, body });
  return new Response(upstream.body, { status: upstream.status, headers: { "content-type": upstream.headers.get("content-type") ?? "application/json" } });
}

export const GET = forward;
export const POST = forward;
export const dynamic = "force-dynamic";
