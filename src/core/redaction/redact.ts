import type { ErrorPayload, Evidence } from '../../shared/errors'

/** What a secret is replaced with, everywhere. */
export const REDACTED = '[redacted]'

/**
 * Shorter values are not hunted for in free text: a 3-character "secret" would blank
 * ordinary words. Such values are refused as secrets by no one, so the pattern rules
 * below (Authorization headers, `client_secret=` …) still cover where they are sent.
 */
const MIN_SECRET_CHARS = 6
/** Flow secrets (codes, tokens) come and go; the oldest are forgotten past this. */
const MAX_SECRETS = 256

/**
 * Every encoding in which a secret we sent can come back in a message or a body: as is;
 * URL-encoded (encodeURIComponent and the form encoding, which writes a space as `+`,
 * in upper- and lower-case hex); JSON-escaped (with and without `\/`, and with non-ASCII
 * as `\uXXXX`); base64 and base64url (alone, as some echo it). `Basic base64(id:secret)`
 * and `Bearer …` are caught by {@link PATTERNS} whoever's they are.
 */
export function encodingsOf(secret: string): string[] {
  const form = new URLSearchParams([['', secret]]).toString().slice(1)
  const uri = encodeURIComponent(secret)
  const json = JSON.stringify(secret).slice(1, -1)
  const jsonAscii = json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  const b64 = Buffer.from(secret, 'utf8').toString('base64')
  const lowerHex = (s: string): string => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())
  const all = [secret, uri, form, lowerHex(uri), lowerHex(form), json, json.replace(/\//g, '\\/'), jsonAscii, b64, b64.replace(/=+$/, '')]
  all.push(Buffer.from(secret, 'utf8').toString('base64url'))
  // Longest first, so a longer encoding is not left half-replaced by a shorter one.
  return [...new Set(all)].filter((s) => s.length >= MIN_SECRET_CHARS).sort((a, b) => b.length - a.length)
}

/**
 * Secrets by where they sit, whatever their value: an Authorization header's credentials
 * (`Basic …`, `Bearer …`), form or query parameters and JSON members that carry secrets
 * or tokens by name.
 */
const SECRET_NAMES = 'client_secret|access_token|refresh_token|id_token|code_verifier|api_key|apikey|password|assertion'
const PATTERNS: Array<[RegExp, string]> = [
  // An echoed Authorization header: everything after the scheme is a credential.
  [/((?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:Basic|Bearer|Digest|Token)?\s*)[^\s"'<>,;\\]+/gi, `$1${REDACTED}`],
  // A credential quoted without its header name; "Basic Auth" in a sentence is not one
  // (a credential is long and has a digit or base64 punctuation).
  [/\b(Basic|Bearer)(\s+)(?=[A-Za-z0-9\-._~+/]{16,})(?=[A-Za-z\-._~]*[0-9+/=])[A-Za-z0-9\-._~+/]+=*/g, `$1$2${REDACTED}`],
  [new RegExp(String.raw`((?:^|[?&\s;,])(?:${SECRET_NAMES})=)[^&\s"'<>;,]*`, 'gi'), `$1${REDACTED}`],
  [new RegExp(String.raw`("(?:${SECRET_NAMES})"\s*:\s*)(?:"(?:[^"\\]|\\.)*"|[^,}\s]+)`, 'gi'), `$1"${REDACTED}"`],
  // The same inside a JSON string that holds JSON (`\"client_secret\":\"…\"`).
  [new RegExp(String.raw`(\\"(?:${SECRET_NAMES})\\"\s*:\s*\\")(?:[^"\\]|\\\\(?:\\\\|\\"|[^"\\])|\\[^"\\])*\\"`, 'gi'), `$1${REDACTED}\\"`]
]

/**
 * The one redaction of the application: every message, evidence and log line that may
 * hold what a remote party echoed passes through here before an admin, a renderer or a
 * terminal sees it. Knows the secrets in use (the vault registers every secret it hands
 * out or stores; a login flow registers its code and tokens) and the places secrets sit.
 */
export class SecretRedactor {
  private readonly secrets = new Map<string, string[]>()

  /** Remembers a secret (and its encodings) to be blanked from now on. */
  add(secret: string | null | undefined): void {
    if (!secret || secret.length < MIN_SECRET_CHARS) return
    this.secrets.delete(secret)
    this.secrets.set(secret, encodingsOf(secret))
    if (this.secrets.size > MAX_SECRETS) this.secrets.delete(this.secrets.keys().next().value as string)
  }

  /** `text` with every known secret, in every encoding, and every secret-shaped value blanked. */
  text(text: string, extra: Array<string | null | undefined> = []): string {
    let out = this.knownText(text, extra)
    for (const [re, to] of PATTERNS) out = out.replace(re, to)
    return out
  }

  /** `text` with the known secrets blanked, but no pattern applied (the admin's own data). */
  private knownText(text: string, extra: Array<string | null | undefined> = []): string {
    let out = text
    const forms = [...[...this.secrets.values()].flat(), ...extra.flatMap((s) => (s && s.length >= MIN_SECRET_CHARS ? encodingsOf(s) : []))]
    forms.sort((a, b) => b.length - a.length)
    for (const f of forms) if (out.includes(f)) out = out.split(f).join(REDACTED)
    return out
  }

  /** Any JSON-like value with every string in it redacted (evidence details, problems). */
  value<T>(v: T, extra: Array<string | null | undefined> = []): T {
    return this.walk(v, (s) => this.text(s, extra))
  }

  /**
   * A successful result as it leaves the core: known secrets blanked in case an answer
   * quoted one; no pattern, since a result holds the admin's own documents (a userinfo
   * answer may well have a "password" member).
   */
  result<T>(v: T): T {
    return this.secrets.size === 0 ? v : this.walk(v, (s) => this.knownText(s))
  }

  private walk<T>(v: T, fn: (s: string) => string): T {
    if (typeof v === 'string') return fn(v) as T
    if (Array.isArray(v)) return v.map((x) => this.walk(x, fn)) as T
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.walk(x, fn)])) as T
    }
    return v
  }

  evidence(e: Evidence, extra: Array<string | null | undefined> = []): Evidence {
    return this.value(e, extra)
  }

  /** An error as it leaves the core: message, hint, evidence and problems, all redacted. */
  payload(p: ErrorPayload): ErrorPayload {
    return this.value(p)
  }
}

/**
 * Whether a value someone typed where a name was expected has the shape of a generated
 * secret (long, mixed case with digits, or a long run without word separators), so that
 * it is not printed back. Environment variable names are upper case with underscores.
 */
export function looksLikeSecret(s: string): boolean {
  if (s.length < 16) return false
  const mixed = /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s)
  return mixed || (s.length >= 32 && !s.includes('_'))
}

/** The process's secrets in use: one registry, so every exit point redacts the same set. */
export const secretsInUse = new SecretRedactor()

/** Shorthand: `text` redacted with the process's secrets plus `extra`. */
export function redact(text: string, extra: Array<string | null | undefined> = []): string {
  return secretsInUse.text(text, extra)
}
