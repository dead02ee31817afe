import { ConvexError } from "convex/values";

/**
 * The readable message of an error from a Convex call: a ConvexError's `data.message` (its `code` is for programs),
 * else the text after "Uncaught …Error:" without the server's stack — never the raw JSON of the error's data.
 */
export function errorText(err: unknown): string {
  if (err instanceof ConvexError) return messageOf(err.data);
  if (!(err instanceof Error)) return String(err);
  const text = err.message.replace(/^[\s\S]*Uncaught \w*Error: /, "").split("\n")[0];
  if (!text.startsWith("{")) return text;
  try {
    return messageOf(JSON.parse(text));
  } catch {
    return text;
  }
}

function messageOf(data: unknown): string {
  if (typeof data === "object" && data !== null && typeof (data as { message?: unknown }).message === "string") {
    return (data as { message: string }).message;
  }
  return typeof data === "string" ? data : JSON.stringify(data);
}
