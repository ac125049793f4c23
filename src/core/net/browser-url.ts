import { httpUrlOrNull } from './http'

/**
 * Characters the URL standard lets a serialised URL keep raw but that some program
 * between us and the browser may treat specially (cmd.exe: `| ^ % & < > "`; shells:
 * backquote). Percent-encoding them is allowed by RFC 3986 §2.1 and means the same URL
 * to every server, so a URL handed to the system opener carries none of them raw.
 */
const ENCODE_RAW = /["<>\\^`{|}]/g

/**
 * The URL to hand to a system browser opener, or null when it must not be opened:
 * only absolute http(s) URLs; characters outside the URL code points, raw spaces and
 * control characters are already encoded by the WHATWG serialiser; the characters above
 * are encoded here, and a `%` that does not start a percent-escape becomes `%25`
 * (`%PATH%` would otherwise reach an environment-variable expander).
 */
export function toOpenableUrl(url: string): string | null {
  const u = httpUrlOrNull(url)
  if (!u) return null
  // Userinfo in a URL given to a browser is a phishing trick, never something we build.
  if (u.username !== '' || u.password !== '') return null
  const s = u
    .toString()
    .replace(/%(?![0-9A-Fa-f]{2})/g, '%25')
    .replace(ENCODE_RAW, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
  // Paranoia after encoding: nothing but printable ASCII, no space, no quote.
  return /^[\x21\x23-\x7e]+$/.test(s) ? s : null
}
