import { AppError, type Evidence } from '../../shared/errors'
import { secretsInUse } from '../redaction/redact'

export interface HttpRequest {
  url: string
  method?: string
  headers?: Record<string, string>
  body?: string
  /** Whole exchange, redirects included. */
  timeoutMs?: number
  signal?: AbortSignal
  /** Bodies larger than this are refused (discovery documents are small). */
  maxBytes?: number
  /** 0 returns 3xx responses to the caller as they are. */
  maxRedirects?: number
  /** Shown in messages: "the discovery document", "the panel", … */
  what?: string
}

export interface HttpResponse {
  /** URL of the final response, after redirects. */
  url: string
  status: number
  statusText: string
  headers: Headers
  bodyText: string
  bodyBytes: number
  redirects: string[]
}

export const DEFAULT_TIMEOUT_MS = 10_000
export const DEFAULT_MAX_BYTES = 1024 * 1024
const EXCERPT_CHARS = 600

/** First bytes of a body for evidence; never the whole thing. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/**
 * Evidence of a response, for AppErrors raised about it. The body is redacted before it
 * is excerpted (a secret cut in half by the excerpt would escape a later redaction):
 * every secret in use plus `extraSecrets` (a request's own code or token), in every encoding.
 */
export function evidenceOf(res: HttpResponse, method = 'GET', extraSecrets: Array<string | null | undefined> = []): Evidence {
  const ct = res.headers.get('content-type')
  return {
    url: res.url,
    method,
    status: res.status,
    statusText: res.statusText,
    ...(ct ? { contentType: ct } : {}),
    bodyExcerpt: excerpt(secretsInUse.text(res.bodyText, extraSecrets))
  }
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO'
])

function causeCode(err: unknown): string | undefined {
  let e: unknown = err
  for (let i = 0; i < 4 && e; i++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

function networkError(err: unknown, url: string, what: string): AppError {
  const code = causeCode(err)
  const host = (() => {
    try {
      return new URL(url).host
    } catch {
      return url
    }
  })()
  const evidence: Evidence = { url, details: { error: code ?? String((err as Error)?.message ?? err) } }
  // OpenSSL's "wrong version number": the first bytes back were not TLS at all, which is
  // what a plain-HTTP server answers to a TLS handshake.
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' && url.startsWith('https://')) {
    const plain = `http://${url.slice('https://'.length)}`
    return new AppError('net.plain-http', `The server at ${host} speaks plain HTTP, not HTTPS (${code}).`, {
      hint: `If it is meant to be reached without TLS (a test server on your own network), use ${new URL(plain).origin}. Logins over plain HTTP send passwords and tokens unencrypted.`,
      evidence: { ...evidence, details: { ...evidence.details, plainHttpUrl: plain } },
      cause: err
    })
  }
  if (code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))) {
    return new AppError('net.tls', `The TLS connection to ${host} failed (${code}).`, {
      hint: 'The server’s certificate is not trusted by this computer: check that the URL is right and the certificate is valid for this host name.',
      evidence,
      cause: err
    })
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError('net.dns', `The host name ${host} could not be resolved (${code}).`, {
      hint: 'Check the spelling of the address and that this computer can reach that network.',
      evidence,
      cause: err
    })
  }
  if (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'EHOSTUNREACH' ||
    code === 'ENETUNREACH' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_SOCKET'
  ) {
    return new AppError('net.unreachable', `${capitalize(what)} at ${host} could not be reached (${code}).`, {
      hint: 'Check the address and port, and that the server is running and reachable from this computer.',
      evidence,
      cause: err
    })
  }
  // undici refuses the Fetch standard's "bad ports" (6000, 6665–6669, …) before connecting.
  if ((err as { cause?: { message?: string } })?.cause?.message === 'bad port') {
    return new AppError(
      'net.bad-port',
      `The port of ${host} is one that web clients refuse to contact (a “bad port” of the Fetch standard).`,
      {
        hint: 'Serve it on another port (443 or 8443 are usual), or check the address for a typo.',
        evidence,
        cause: err
      }
    )
  }
  return new AppError('net.failed', `The request to ${host} failed: ${code ?? (err as Error)?.message ?? String(err)}.`, {
    evidence,
    cause: err
  })
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/**
 * fetch with what every call of this app needs: a timeout, the caller's cancel, a
 * body-size limit, counted redirects, and typed errors carrying what the other side said.
 * HTTP error statuses are returned, not thrown: callers know what a 404 means for them.
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES
  const maxRedirects = req.maxRedirects ?? 5
  const what = req.what ?? 'the server'
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout
  const redirects: string[] = []
  let url = req.url
  let method = req.method ?? 'GET'
  let body = req.body
  let headers: Record<string, string> = { ...(req.headers ?? {}) }

  const abortReason = (): AppError | null => {
    if (req.signal?.aborted) return new AppError('cancelled', 'Cancelled.')
    if (timeout.aborted) {
      return new AppError('net.timeout', `${capitalize(what)} did not answer within ${formatDuration(timeoutMs)}.`, {
        hint: 'Check that the address is right and the server is up; a slow server can be retried.',
        evidence: { url, method }
      })
    }
    return null
  }

  for (;;) {
    let res: Response
    try {
      res = await fetch(url, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal
      })
    } catch (err) {
      throw abortReason() ?? networkError(err, url, what)
    }
    const location = res.headers.get('location')
    if (maxRedirects > 0 && res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel().catch(() => {})
      if (redirects.length >= maxRedirects) {
        const last = redirectTarget(location, url, what).toString()
        throw new AppError(
          'net.too-many-redirects',
          `${capitalize(what)} redirected more than ${maxRedirects} times (the last redirect pointed to ${last}).`,
          {
            hint: 'The address probably points at a login page or a redirect loop; use the provider’s issuer URL.',
            evidence: { url: req.url, status: res.status, details: { redirects: [...redirects, last] } }
          }
        )
      }
      const next = redirectTarget(location, url, what)
      redirects.push(next.toString())
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET'
        body = undefined
        headers = withoutHeaders(headers, BODY_HEADERS)
      }
      const crossOrigin = next.origin !== new URL(url).origin
      // 307/308 keep the method and body. A body we send can hold a secret (a provider's
      // client_secret in a panel push): it goes to the server we chose, never to one a
      // redirect names on another origin.
      if (crossOrigin && body !== undefined) {
        throw new AppError(
          'net.bad-redirect',
          `${capitalize(what)} redirected the ${method} request to another site (${next.origin}); its content was not sent there.`,
          {
            hint: 'Use the address the server really answers on (often the https:// one), so no redirect is needed.',
            evidence: { url, method, status: res.status, details: { location: next.toString() } }
          }
        )
      }
      // Fetch standard §4.4 (HTTP-redirect fetch): credentials never follow a redirect
      // to another origin. fetch() does this itself with redirect: 'follow'; this loop
      // follows by hand, so it must too.
      if (crossOrigin) headers = withoutHeaders(headers, CREDENTIAL_HEADERS)
      url = next.toString()
      continue
    }
    let text: string
    let bytes: number
    try {
      ;({ text, bytes } = await readLimited(res, maxBytes, url, what))
    } catch (err) {
      if (err instanceof AppError) throw err
      throw abortReason() ?? networkError(err, url, what)
    }
    return { url, status: res.status, statusText: res.statusText, headers: res.headers, bodyText: text, bodyBytes: bytes, redirects }
  }
}

const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization']
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k.toLowerCase())))
}

/** A Location header resolved against the current URL; only http(s) targets are followed. */
function redirectTarget(location: string, from: string, what: string): URL {
  let next: URL | null = null
  try {
    next = new URL(location, from)
  } catch {
    /* reported below */
  }
  if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
    throw new AppError('net.bad-redirect', `${capitalize(what)} redirected to an address that cannot be followed: ${location}.`, {
      hint: 'Check the address; the server (or a proxy in front of it) sends a broken redirect.',
      evidence: { url: from, details: { location } }
    })
  }
  return next
}

async function readLimited(res: Response, maxBytes: number, url: string, what: string): Promise<{ text: string; bytes: number }> {
  const declared = Number(res.headers.get('content-length') ?? NaN)
  const tooLarge = (): AppError =>
    new AppError('net.too-large', `${capitalize(what)} sent more than ${formatBytes(maxBytes)}; this is not the document we expected.`, {
      evidence: {
        url,
        status: res.status,
        details: { limitBytes: maxBytes, ...(Number.isFinite(declared) ? { contentLength: declared } : {}) }
      }
    })
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {})
    throw tooLarge()
  }
  if (!res.body) return { text: '', bytes: 0 }
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value)
  }
  const all = new Uint8Array(total)
  let off = 0
  for (const c of chunks) {
    all.set(c, off)
    off += c.byteLength
  }
  return { text: new TextDecoder('utf-8').decode(all), bytes: total }
}

/** "300 ms", "10 s", "1.5 s": timeouts as an admin reads them. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = ms / 1000
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`
  return `${n} bytes`
}

/** Loopback hosts: the only ones where plain http:// is acceptable (RFC 8252 §8.3). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h)
}

/**
 * The URL if it is absolute http(s), else null: the only kind the app hands to a
 * browser (no file:, javascript:, or custom schemes that launch other programs).
 */
export function httpUrlOrNull(url: string): URL | null {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null
  } catch {
    return null
  }
}
