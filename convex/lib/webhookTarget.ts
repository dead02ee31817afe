/**
 * Which webhook targets are allowed (default runtime, no Node modules): public unicast addresses only, so a
 * webhook cannot be pointed at the deployment itself, a cloud metadata service or a private network (SSRF).
 * Checked on the URL when a webhook is created and on every resolved address when it is delivered
 * (convex/webhooks/deliverNode.ts pins the checked address for the request).
 */
import ipaddr from "ipaddr.js";

/** WEBHOOK_ALLOW_PRIVATE_TARGETS=1 lets webhooks reach loopback and private networks (local testing only). */
export function allowPrivateTargets(): boolean {
  return /^(1|true|yes)$/i.test(process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? "");
}

/**
 * Why an address may not be called, or null when it is a public unicast address. IPv4-mapped and IPv4-embedding
 * IPv6 forms (::ffff:a.b.c.d, NAT64, 6to4, Teredo) are judged by ipaddr.js's ranges: only "unicast" passes.
 */
export function forbiddenAddressReason(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ""));
  } catch {
    return `"${address}" is not an IP address`;
  }
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === "unicast" ? null : `${parsed.toString()} is in the ${range} range`;
}

/** Host names that always mean this machine (RFC 6761), whatever DNS says. */
function isLocalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost");
}

export type TargetCheck = { ok: true; url: URL } | { ok: false; message: string };

/**
 * Checks a webhook URL without network access: https only (http too when private targets are allowed), no
 * credentials in the URL, and no loopback/private/link-local/multicast address written as the host. Names are
 * checked again after resolution, at creation (a scheduled check) and before each delivery.
 */
export function checkTargetUrl(raw: string, allowPrivate = allowPrivateTargets()): TargetCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `"${raw.slice(0, 100)}" is not a URL.` };
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) {
    return {
      ok: false,
      message: "Webhook URLs must use https (http only when WEBHOOK_ALLOW_PRIVATE_TARGETS is set for local testing).",
    };
  }
  if (url.username || url.password)
    return { ok: false, message: "Webhook URLs may not carry a user name or password." };
  if (allowPrivate) return { ok: true, url };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isLocalName(host)) return { ok: false, message: `Webhooks may not target ${host} (this machine).` };
  // The URL parser has already turned forms such as 2130706433, 0x7f.1 or 127.1 into dotted IPv4.
  if (ipaddr.isValid(host)) {
    const reason = forbiddenAddressReason(host);
    if (reason) return { ok: false, message: `Webhooks may only target public addresses: ${reason}.` };
  }
  return { ok: true, url };
}
