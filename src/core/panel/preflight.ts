import { randomBytes } from 'node:crypto'
import { AppError } from '../../shared/errors'
import { excerpt, httpRequest, type HttpResponse } from '../net/http'

/**
 * Provider-side preflight: request the provider's authorization endpoint with the
 * panel's exact parameters (the panel's own 307 Location), follow the provider's own
 * redirects the way a browser would (cookies kept, GET only), and stop at the first
 * page. Nothing is ever submitted: the admin's credentials are not involved.
 *
 * What the provider shows tells whether its registration matches the panel's request:
 * its login page (or a redirect back with a code) means client_id, redirect_uri and
 * scopes were accepted; an error page or a redirect back with `error=` (RFC 6749
 * §4.1.2.1) says what is wrong, in the provider's words.
 */

export type PreflightOutcome = 'login-page' | 'provider-error' | 'redirected-back' | 'inconclusive'

export interface PreflightResult {
  outcome: PreflightOutcome
  /** true: registration looks right; false: the provider refused; null: can't tell. */
  ok: boolean | null
  /** The draft/provider setting the error points at. */
  field: 'redirect_uri' | 'client_id' | 'scopes' | 'response_type' | null
  /** The provider's error code and description, as it wrote them. */
  error: string | null
  error_description: string | null
  /** One or two sentences for the admin. */
  message: string
  hint?: string
  status: number
  /** Where the preflight stopped (query removed: it may carry the provider's session ids). */
  final_url: string
  /** The page's title, when there was a page. */
  page_title: string | null
  hops: number
}

export interface PreflightOptions {
  timeoutMs?: number
  signal?: AbortSignal
  maxHops?: number
}

const MAX_HOPS = 8
const KNOWN_ERRORS = [
  'redirect_uri_mismatch',
  'invalid_redirect_uri',
  'invalid_client',
  'unauthorized_client',
  'invalid_scope',
  'unsupported_response_type',
  'invalid_request',
  'access_denied',
  'server_error',
  'temporarily_unavailable',
  'invalid_request_uri',
  'consent_required',
  'interaction_required',
  'login_required'
]

function fieldOf(code: string | null, text: string): PreflightResult['field'] {
  const t = `${code ?? ''} ${text}`
  if (/redirect_uri_mismatch|invalid_redirect_uri|redirect[ _-]?ur[il]|AADSTS50011|callback url/i.test(t)) return 'redirect_uri'
  if (/invalid_client|unauthorized_client|client[ _-]?id|unknown client|client not found|AADSTS700016|AADSTS7000215/i.test(t))
    return 'client_id'
  if (/invalid_scope|scope|AADSTS650053|AADSTS70011/i.test(t)) return 'scopes'
  if (/unsupported_response_type|response_type/i.test(t)) return 'response_type'
  return null
}

const ADVICE: Record<NonNullable<PreflightResult['field']>, string> = {
  redirect_uri: 'Register the panel’s redirect URL at the provider exactly as shown (scheme, host, port, path, no trailing slash).',
  client_id:
    'Check the Client ID in the panel against the provider’s application, and that the application is enabled for the authorization code flow.',
  scopes: 'Remove the scopes the provider refuses, or allow them for this application at the provider.',
  response_type: 'Allow the authorization code flow (response type “code”) for this application at the provider.'
}

/** Visible text of an HTML page, one line per block, entities decoded. */
export function pageText(html: string): string {
  return html
    .replace(/<(script|style|noscript)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<(br|\/p|\/pre|\/div|\/h\d|\/li|\/tr|\/title|\/label|\/span)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n')
}

function titleOf(html: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)
  return m ? pageText(m[1]!).replace(/\n/g, ' ').trim() || null : null
}

/** A form asking for a password (or a username first, as two-step logins do). */
function looksLikeLogin(html: string): boolean {
  if (/<input\b[^>]*\btype\s*=\s*["']?password/i.test(html)) return true
  return /<form\b/i.test(html) && /<input\b[^>]*\bname\s*=\s*["']?(login|username|user(_?name)?|email|identifier)["'\s>]/i.test(html)
}

/** The error an error page states: an OAuth error code and the sentence describing it. */
function errorOnPage(text: string): { code: string | null; description: string | null } {
  const codeHit = new RegExp(`\\b(${KNOWN_ERRORS.join('|')})\\b`).exec(text)
  const code = codeHit ? codeHit[1]! : null
  const desc =
    /error[_ ]description\s*[:=]\s*(.+)/i.exec(text)?.[1] ??
    /(AADSTS\d+:[^\n]+)/.exec(text)?.[1] ??
    /(Invalid parameter: [^\n]+)/i.exec(text)?.[1] ??
    (code
      ? (text
          .split('\n')
          .find((l) => l.length > 15 && l.length < 400 && !l.includes(code) && /redirect|client|scope|invalid|not |mismatch/i.test(l)) ??
        null)
      : null)
  return { code, description: desc ? desc.trim().slice(0, 400) : null }
}

function stripQuery(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return url
  }
}

function sameEndpoint(a: string, b: string): boolean {
  return stripQuery(a) === stripQuery(b)
}

/** Cookies per host, just enough to carry a provider's login session across its redirects. */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>()
  store(url: string, res: HttpResponse): void {
    const host = new URL(url).host
    const list = res.headers.getSetCookie?.() ?? []
    if (list.length === 0) return
    const jar = this.byHost.get(host) ?? new Map<string, string>()
    for (const c of list) {
      const pair = c.split(';', 1)[0]!
      const eq = pair.indexOf('=')
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
    }
    this.byHost.set(host, jar)
  }
  header(url: string): string | undefined {
    const jar = this.byHost.get(new URL(url).host)
    return jar && jar.size ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : undefined
  }
}

/**
 * Runs the preflight. `authorizationUrl` is the panel's Location (from the panel-side
 * verification); `redirectUrl` the panel's redirect URL, where the provider sends
 * errors it can safely redirect.
 */
export async function preflightProvider(
  authorizationUrl: string,
  redirectUrl: string,
  opts: PreflightOptions = {}
): Promise<PreflightResult> {
  let url: URL
  try {
    url = new URL(authorizationUrl)
  } catch {
    throw new AppError('panel.preflight-url', `“${authorizationUrl}” is not a URL.`)
  }
  // The panel's own state was removed from what we were given; any value does for the provider.
  if (!url.searchParams.has('state')) url.searchParams.set('state', randomBytes(12).toString('base64url'))
  const jar = new CookieJar()
  let current = url.toString()
  const maxHops = opts.maxHops ?? MAX_HOPS
  for (let hop = 0; ; hop++) {
    const cookie = jar.header(current)
    const res = await httpRequest({
      url: current,
      headers: {
        accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8',
        'accept-language': 'en',
        'user-agent': 'Mozilla/5.0 (compatible; CalagopusOAuthAssistant preflight)',
        ...(cookie ? { cookie } : {})
      },
      maxRedirects: 0,
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
      maxBytes: 2 * 1024 * 1024,
      what: 'the provider'
    })
    jar.store(current, res)
    const location = res.headers.get('location')
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, current).toString()
      if (sameEndpoint(next, redirectUrl)) return redirectedBack(next, res.status, hop + 1)
      if (hop + 1 >= maxHops) {
        return {
          outcome: 'inconclusive',
          ok: null,
          field: null,
          error: null,
          error_description: null,
          message: `The provider redirected more than ${maxHops} times without showing a page.`,
          status: res.status,
          final_url: stripQuery(next),
          page_title: null,
          hops: hop + 1
        }
      }
      current = next
      continue
    }
    return classifyPage(res, hop)
  }
}

function redirectedBack(to: string, status: number, hops: number): PreflightResult {
  const q = new URL(to).searchParams
  const error = q.get('error')
  const base = { status, final_url: stripQuery(to), page_title: null, hops }
  if (error) {
    const description = q.get('error_description')
    const field = fieldOf(error, description ?? '')
    return {
      ...base,
      outcome: 'provider-error',
      ok: false,
      field,
      error,
      error_description: description,
      message: `The provider refused the panel’s login request: ${error}${description ? ` (“${description}”)` : ''}.`,
      ...(field ? { hint: ADVICE[field] } : {})
    }
  }
  return {
    ...base,
    outcome: 'redirected-back',
    ok: true,
    field: null,
    error: null,
    error_description: null,
    message: q.has('code')
      ? 'The provider accepted the request and sent the browser straight back to the panel with a code: the registration matches.'
      : 'The provider sent the browser straight back to the panel’s redirect URL.'
  }
}

function classifyPage(res: HttpResponse, hop: number): PreflightResult {
  const html = res.bodyText
  const text = pageText(html)
  const title = titleOf(html)
  const base = { status: res.status, final_url: stripQuery(res.url), page_title: title, hops: hop }
  const found = errorOnPage(text)
  const loginForm = looksLikeLogin(html)
  // A JSON error (some providers answer the authorization endpoint with JSON on bad requests).
  let jsonError: { error?: unknown; error_description?: unknown } | null = null
  try {
    const j = JSON.parse(html) as unknown
    if (j && typeof j === 'object' && 'error' in j) jsonError = j as { error?: unknown; error_description?: unknown }
  } catch {
    jsonError = null
  }
  const code = typeof jsonError?.error === 'string' ? jsonError.error : found.code
  const description = typeof jsonError?.error_description === 'string' ? jsonError.error_description : found.description
  // Provider-specific error markers that appear on 200 pages (Entra ID's AADSTS codes, Keycloak's "Invalid parameter").
  const marked = /AADSTS\d+:|Invalid parameter: /i.test(text)
  const errorish =
    res.status >= 400 ||
    code !== null ||
    marked ||
    (!loginForm && /\b(error|invalid|mismatch|not (allowed|registered|valid))\b/i.test(title ?? ''))
  if (errorish && !(loginForm && code === null && !marked && res.status < 400)) {
    const field = fieldOf(code, `${description ?? ''} ${title ?? ''}`)
    const said = code ?? description ?? title ?? `HTTP ${res.status}`
    return {
      ...base,
      outcome: 'provider-error',
      ok: false,
      field,
      error: code,
      error_description: description,
      message: `The provider showed an error page instead of its login: ${said}${code && description ? ` (“${description}”)` : ''}.`,
      hint: field ? ADVICE[field] : `What the page says: ${excerpt(text, 300)}`
    }
  }
  if (loginForm) {
    return {
      ...base,
      outcome: 'login-page',
      ok: true,
      field: null,
      error: null,
      error_description: null,
      message: `The provider shows its login page${title ? ` (“${title}”)` : ''}: it accepted the panel’s client_id, redirect_uri and scopes.`
    }
  }
  return {
    ...base,
    outcome: 'inconclusive',
    ok: null,
    field: null,
    error: null,
    error_description: null,
    message: `The provider answered HTTP ${res.status} with a page that is neither a login form nor a known error${title ? ` (“${title}”)` : ''}.`,
    hint: 'Open the panel’s login in the browser to see it; pages built by JavaScript can only be judged there.'
  }
}
