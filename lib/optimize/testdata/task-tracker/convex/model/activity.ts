import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

export async function record(ctx: MutationCtx, teamId: Id<"teams">, actorId: Id<"users">, action: string) {
  await ctx.db.insert("activity", { teamId, actorId, action });
}
