import { entsTableFactory } from "convex-ents";
import { customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import { mutation as baseMutation, query as baseQuery } from "./_generated/server";
import { entDefinitions } from "./schema";

export const query = customQuery(baseQuery, customCtx(async (ctx) => ({ table: entsTableFactory(ctx, entDefinitions), db: undefined })));
export const mutation = customMutation(baseMutation, customCtx(async (ctx) => ({ table: entsTableFactory(ctx, entDefinitions) })));
