import { z } from "zod";
import { zid, zodTable } from "zodvex";

// Tables defined with a wrapper library the static parser does not know.
export const Users = zodTable("users", {
  name: z.string(),
  email: z.string().email(),
  age: z.number().optional(),
  deletedAt: z.date().nullable(),
  teamId: zid("teams").optional(),
  role: z.enum(["admin", "member"]),
});

export const Teams = zodTable("teams", {
  name: z.string(),
  tags: z.array(z.string()),
});
