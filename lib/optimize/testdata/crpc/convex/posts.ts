import { z } from "zod";
import { authMutation, authQuery, privateMutation, publicQuery } from "./lib/crpc";

// A full scan on an id field: the handler is followed although it takes ({ ctx, input }).
export const byAuthor = publicQuery.input(z.object({ authorId: z.string() })).query(async ({ ctx, input }) =>
  ctx.db
    .query("posts")
    .filter((q) => q.eq(q.field("authorId"), input.authorId))
    .take(20),
);

// ctx.user comes from the middleware; its document's id reaches withIndex.
export const mine = authQuery.query(async ({ ctx }) =>
  ctx.db
    .query("posts")
    .withIndex("by_author", (q) => q.eq("authorId", ctx.user._id))
    .take(20),
);

export const rename = authMutation
  .input(z.object({ id: z.string(), title: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const post = await ctx.db.get("posts", input.id as never);
    await ctx.db.patch("posts", input.id as never, { title: input.title });
    return post;
  });

// Internal: registered as an internal mutation.
export const archiveAll = privateMutation.mutation(async ({ ctx }) => {
  const all = await ctx.db.query("posts").collect();
  for (const p of all) await ctx.db.patch(p._id, { status: "archived" });
});
