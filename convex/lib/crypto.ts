/**
 * Small Web Crypto helpers (default runtime, no Node modules): SHA-256 for secrets stored hashed, random tokens,
 * HMAC-SHA256 for webhook signatures, and AES-256-GCM for message text at rest with key rotation.
 *
 * Keys come from MESSAGE_KEYS = "kid1:base64key,kid2:base64key" (32-byte keys); the first is used to encrypt, all
 * are tried by id to decrypt. Ciphertext reads `enc:v1:<kid>:<base64 iv>:<base64 data+tag>`.
 */

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Hex SHA-256 of a string. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))));
}

/** A random URL-safe secret with a prefix, e.g. `sa_3f…` (32 random bytes). */
export function randomSecret(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return prefix + toHex(bytes);
}

/** Hex HMAC-SHA256 of `message` under `secret`. */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return toHex(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message))));
}

/** Constant-time comparison of two strings of hex digits. */
export function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export type KeyRing = { current: string; keys: Map<string, Uint8Array<ArrayBuffer>> };

/** Parses MESSAGE_KEYS; null when unset (message text is then stored in plain text). Bad entries throw. */
export function parseKeyRing(spec: string | undefined): KeyRing | null {
  if (!spec?.trim()) return null;
  const keys = new Map<string, Uint8Array<ArrayBuffer>>();
  let current = "";
  for (const entry of spec
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf(":");
    const kid = entry.slice(0, at);
    if (at <= 0 || !/^[A-Za-z0-9_-]+$/.test(kid))
      throw new Error(`MESSAGE_KEYS: entry "${entry.slice(0, 8)}…" must read kid:base64key.`);
    const key = fromBase64(entry.slice(at + 1));
    if (key.length !== 32) throw new Error(`MESSAGE_KEYS: key "${kid}" must be 32 bytes (base64), got ${key.length}.`);
    keys.set(kid, key);
    current ||= kid;
  }
  return current ? { current, keys } : null;
}

/** The key ring from the environment. */
export function envKeyRing(): KeyRing | null {
  return parseKeyRing(process.env.MESSAGE_KEYS);
}

const PREFIX = "enc:v1:";

/** Whether a stored value is ciphertext from `encryptText`. */
export function isEncrypted(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

async function aesKey(raw: Uint8Array<ArrayBuffer>, usage: KeyUsage): Promise<CryptoKey> {
  return await crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, [usage]);
}

/** Encrypts with the ring's current key; without a ring the text is returned unchanged. */
export async function encryptText(text: string, ring: KeyRing | null = envKeyRing()): Promise<string> {
  if (!ring || text === "") return text;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(ring.keys.get(ring.current)!, "encrypt");
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(text)));
  return `${PREFIX}${ring.current}:${toBase64(iv)}:${toBase64(data)}`;
}

/** Decrypts a stored value (plain text passes through). An unknown key id or a wrong key throws. */
export async function decryptText(stored: string, ring: KeyRing | null = envKeyRing()): Promise<string> {
  if (!isEncrypted(stored)) return stored;
  const [kid, iv, data] = stored.slice(PREFIX.length).split(":");
  const raw = ring?.keys.get(kid);
  if (!raw) throw new Error(`Message key "${kid}" is not in MESSAGE_KEYS; it cannot be decrypted.`);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(iv) },
      await aesKey(raw, "decrypt"),
      fromBase64(data),
    );
    return new TextDecoder().decode(plain);
  } catch {
    throw new Error(`Message could not be decrypted with key "${kid}" (wrong key or tampered data).`);
  }
}

/** Whether a stored value should be re-encrypted under the current key (rotation). */
export function needsRotation(stored: string, ring: KeyRing | null): boolean {
  if (!ring || stored === "") return false;
  if (!isEncrypted(stored)) return true;
  return stored.slice(PREFIX.length).split(":")[0] !== ring.current;
}

/** A copy of `doc` with the named text fields decrypted (plain text and absent fields pass through; null stays null). */
export async function decryptFields<T extends object>(doc: T, keys: (keyof T)[], ring?: KeyRing | null): Promise<T>;
export async function decryptFields<T extends object>(
  doc: T | null,
  keys: (keyof T)[],
  ring?: KeyRing | null,
): Promise<T | null>;
export async function decryptFields<T extends object>(
  doc: T | null,
  keys: (keyof T)[],
  ring: KeyRing | null = envKeyRing(),
): Promise<T | null> {
  if (!doc) return doc;
  const out = { ...doc };
  for (const k of keys) {
    const value = out[k];
    if (typeof value === "string") out[k] = (await decryptText(value, ring)) as T[keyof T];
  }
  return out;
}
