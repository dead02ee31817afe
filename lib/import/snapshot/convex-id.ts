/**
 * Convex document ids, encoded the way the backend does (convex-backend `crates/value/src/id_v6.rs`):
 * base32 (Crockford alphabet, lower case, no padding) of
 *   VInt(table number) ‖ 16-byte internal id ‖ footer (Fletcher-16 of the preceding bytes, little endian, XOR version 0).
 * A snapshot ZIP whose `_tables/documents.jsonl` assigns each table its number may carry such ids in `_id` and in
 * reference fields: `npx convex import` keeps them, so references need no fix-up after import.
 */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function vint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

function fletcher16(bytes: number[]): number {
  let c0 = 0;
  let c1 = 0;
  for (const b of bytes) {
    c0 = (c0 + b) & 0xff;
    c1 = (c1 + c0) & 0xff;
  }
  return (c1 << 8) | c0;
}

/** Base32 without padding: 5 bits at a time, most significant first; a partial last group is zero-filled. */
function base32(bytes: number[]): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = ((buffer << 8) | b) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Encodes a Convex id for a table number (≥ 1) and a 16-byte internal id. */
export function encodeConvexId(tableNumber: number, internalId: Uint8Array): string {
  if (!Number.isInteger(tableNumber) || tableNumber < 1 || tableNumber > 0xffffffff)
    throw new Error(`table number ${tableNumber} is out of range`);
  if (internalId.length !== 16) throw new Error(`internal id must be 16 bytes, got ${internalId.length}`);
  const bytes = [...vint(tableNumber), ...internalId];
  const footer = fletcher16(bytes);
  bytes.push(footer & 0xff, footer >> 8);
  return base32(bytes);
}

/** Decodes a Convex id's table number, or undefined when the id is not well formed (checksum included). */
export function decodeConvexIdTable(id: string): number | undefined {
  if (!/^[0-9a-hjkmnp-tv-z]+$/.test(id)) return undefined;
  let bits = 0n;
  let nbits = 0;
  const bytes: number[] = [];
  for (const ch of id) {
    bits = (bits << 5n) | BigInt(ALPHABET.indexOf(ch));
    nbits += 5;
    if (nbits >= 8) {
      bytes.push(Number((bits >> BigInt(nbits - 8)) & 0xffn));
      nbits -= 8;
    }
  }
  let table = 0;
  let pos = 0;
  for (let shift = 0; pos < 5; shift += 7) {
    const b = bytes[pos++];
    if (b === undefined) return undefined;
    table += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  if (bytes.length !== pos + 18) return undefined;
  const footer = fletcher16(bytes.slice(0, pos + 16));
  if (bytes[pos + 16] !== (footer & 0xff) || bytes[pos + 17] !== footer >> 8) return undefined;
  return encodeConvexId(table, new Uint8Array(bytes.slice(pos, pos + 16))) === id ? table : undefined;
}
