/**
 * The panel's e-mail check: garde 0.23 `#[garde(email)]` with the `email-idna`
 * feature (garde/src/rules/email.rs), used on `CreateUserOptions.email`. Reasons and
 * messages are garde's own (`not a valid email: …`). Browser-safe: IDNA mapping uses
 * the WHATWG URL parser, which applies the same UTS #46 processing as the `idna` crate.
 */

export type InvalidEmail = 'empty' | 'missing-at' | 'user-length' | 'invalid-user' | 'domain-length' | 'invalid-domain'

export const INVALID_EMAIL_TEXT: Record<InvalidEmail, string> = {
  empty: 'value is empty',
  'missing-at': 'value is missing `@`',
  'user-length': 'user length exceeded maximum of 64 characters',
  'invalid-user': 'user contains unexpected characters',
  'domain-length': 'domain length exceeded maximum of 255 characters',
  'invalid-domain': 'domain contains unexpected characters'
}

const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length
const USER_RE = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+$/i
const DOMAIN_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i

/** Rust `Ipv4Addr::from_str`: four decimal octets, no leading zeros. */
function isIpv4(s: string): boolean {
  const parts = s.split('.')
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)
}

/** Rust `Ipv6Addr::from_str` (RFC 4291 text forms, optional trailing IPv4, no zone). */
function isIpv6(s: string): boolean {
  let head = s
  let tailGroups = 0
  const lastColon = s.lastIndexOf(':')
  if (lastColon === -1) return false
  const after = s.slice(lastColon + 1)
  if (after.includes('.')) {
    // An embedded IPv4 address takes the place of the last two groups.
    if (!isIpv4(after)) return false
    head = s.slice(0, lastColon + 1)
    if (!head.endsWith('::')) head = head.slice(0, -1)
    tailGroups = 2
  }
  const group = /^[0-9a-f]{1,4}$/i
  const dbl = head.indexOf('::')
  if (dbl !== -1) {
    if (head.indexOf('::', dbl + 1) !== -1) return false
    const left = head.slice(0, dbl)
    const right = head.slice(dbl + 2)
    const l = left === '' ? [] : left.split(':')
    const r = right === '' ? [] : right.split(':')
    if (![...l, ...r].every((g) => group.test(g))) return false
    return l.length + r.length + tailGroups <= 7
  }
  const groups = head === '' ? [] : head.split(':')
  return groups.every((g) => group.test(g)) && groups.length + tailGroups === 8
}

function isValidDomain(domain: string): boolean {
  if (DOMAIN_RE.test(domain)) return true
  if (domain.startsWith('[') && domain.endsWith(']')) {
    const ip = domain.slice(1, -1)
    return isIpv4(ip) || isIpv6(ip)
  }
  return false
}

/** `idna::domain_to_ascii_cow(domain, AsciiDenyList::URL)`, or null when it fails. */
function domainToAscii(domain: string): string | null {
  // Characters the URL parser would treat as delimiters or decode; the idna crate
  // rejects or keeps them, and the domain regex refuses them either way.
  if (/[\s%/?#\\@:[\]<>^|]/.test(domain) || domain === '') return null
  try {
    return new URL(`http://${domain}/`).hostname
  } catch {
    return null
  }
}

/** garde's `parse_email`; null when valid. */
export function checkEmail(s: string): InvalidEmail | null {
  if (s === '') return 'empty'
  const at = s.indexOf('@')
  if (at === -1) return 'missing-at'
  const user = s.slice(0, at)
  const domain = s.slice(at + 1)
  if (utf8Bytes(user) > 64) return 'user-length'
  if (!USER_RE.test(user)) return 'invalid-user'
  if (utf8Bytes(domain) > 255) return 'domain-length'
  if (!isValidDomain(domain)) {
    // Only a non-ASCII domain can become valid through IDNA; an ASCII one maps to
    // itself (lower-cased), which the case-insensitive regex already refused.

    if (/^[\x00-\x7f]*$/.test(domain)) return 'invalid-domain'
    const ascii = domainToAscii(domain)
    if (ascii === null || !isValidDomain(ascii)) return 'invalid-domain'
  }
  return null
}
