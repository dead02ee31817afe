import { convexAuth } from "@convex-dev/auth/server";

// The object convexAuth() returns: auth.getUserId / auth.getSessionId read only ctx.auth.
export const { auth, signIn, signOut, store } = convexAuth({ providers: [] });

// An alias some projects export instead.
export const currentUserId = auth.getUserId;
