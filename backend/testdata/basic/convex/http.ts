import { httpRouter } from "convex/server";
import { api } from "./_generated/api";
import { httpAction } from "./_generated/server";

const http = httpRouter();

http.route({
  path: "/hello",
  method: "GET",
  handler: httpAction(async (ctx, request) => {
    const identity = await ctx.auth.getUserIdentity();
    const count = await ctx.runQuery(api.messages.count, {});
    const name = new URL(request.url).searchParams.get("name") ?? "world";
    return new Response(JSON.stringify({ hello: name, count, subject: identity?.subject ?? null }), {
      headers: { "content-type": "application/json" },
    });
  }),
});

http.route({
  path: "/echo",
  method: "POST",
  handler: httpAction(async (_ctx, request) => new Response(await request.text(), { status: 201 })),
});

http.route({
  path: "/where",
  method: "GET",
  handler: httpAction(async (_ctx, request) => new Response(request.url)),
});

export default http;
