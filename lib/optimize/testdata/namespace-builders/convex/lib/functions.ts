import { customCtx, customQuery } from "convex-helpers/server/customFunctions";
import * as generated from "../_generated/server";

// A custom builder over a namespace import of the generated builders.
export const roomQuery = customQuery(
  generated.query,
  customCtx(async () => ({ now: Date.now() })),
);
