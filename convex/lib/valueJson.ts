/**
 * JSON text for Convex values kept in string fields (the migration journal): bigint (int64) and ArrayBuffer
 * (bytes) survive the round trip, which plain JSON.stringify loses. Convex field names cannot start with "$".
 */
export function stringifyValues(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return { $bigint: v.toString() };
    if (v instanceof ArrayBuffer) return { $bytes: bytesToBase64(new Uint8Array(v)) };
    return v;
  });
}

export function parseValues<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === "$bigint") return BigInt((v as { $bigint: string }).$bigint);
      if (keys.length === 1 && keys[0] === "$bytes") return base64ToBytes((v as { $bytes: string }).$bytes).buffer;
    }
    return v;
  }) as T;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
