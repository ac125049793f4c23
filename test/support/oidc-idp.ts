/**
 * A real OpenID Provider (panva's oidc-provider 9.13) on 127.0.0.1, port 0, for
 * integration and e2e tests. It records what its endpoints received (method, path,
 * headers, raw body) so a test can prove our token and userinfo requests are exactly
 * the panel's (docs/panel-behaviour.md#token-and-userinfo-requests), and it can rewrite a response to play a provider
 * that misbehaves (no token_type, HTML instead of JSON…).
 *
 * Usage:
 *   const idp = await startIdp()                      // discovery only: {issuer, close()}
 *   const port = await freePort()
 *   const idp = await startIdp({ clients: [basicClient(`http://127.0.0.1:${port}/callback`)] })
 *   const { callbackUrl } = await completeLogin(authorizationUrl)   // dev login + consent over HTTP
 *   idp.requests('token')                             // what the token endpoint received
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** One client registered at the test provider (oidc-provider client metadata, trimmed). */
export interface IdpClient {
  client_id: string
  client_secret?: string
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'none'
  redirect_uris: string[]
  /** Space-separated allow-list of scopes; requesting another known scope is `invalid_scope`. */
  scope?: string
  /** Makes the userinfo endpoint answer a signed JWT (`application/jwt`) for this client. */
  userinfo_signed_response_alg?: 'RS256'
  /** Refuse authorization requests without PKCE for this client (RFC 7636). */
  pkce_required?: boolean
  grant_types?: string[]
  response_types?: string[]
}

/** One end user of the test provider: the dev login's "login" value is the account id. */
export interface IdpAccount {
  /** Claims released through the userinfo endpoint and the ID token (filtered by scope). */
  claims: Record<string, unknown>
  /** Claims put in the ID token only (the panel never sees these: it reads userinfo). */
  idTokenOnlyClaims?: Record<string, unknown>
}

/** A request an endpoint received, as it arrived on the wire. */
export interface RecordedRequest {
  method: string
  /** Path without the query string, e.g. `/token`. */
  path: string
  /** Path and query string, as sent. */
  url: string
  /** Lower-cased header names (Node's view). */
  headers: http.IncomingHttpHeaders
  /** Header names and values in the order and case they were sent. */
  rawHeaders: string[]
  /** The request body as text (form-urlencoded for the token endpoint). */
  body: string
  /** Status code the provider answered with (set when the response finished). */
  status?: number
  /** Response body the provider sent, for token and userinfo requests. */
  responseBody?: string
}

/** A forced answer for one endpoint; unset fields keep what the provider produced. */
export interface ResponseRewrite {
  status?: number
  /** `null` sends no Content-Type header at all. */
  contentType?: string | null
  body?: string
}

export interface StartIdpOptions {
  clients?: IdpClient[]
  accounts?: Record<string, IdpAccount>
  /** Scope → claims it releases (OIDC Core §5.4). */
  claims?: Record<string, string[]>
  /** Extra scopes the provider knows beyond those of `claims`. */
  scopes?: string[]
  /** oidc-provider's conformIdTokenClaims (default true: scope claims only in userinfo). */
  conformIdTokenClaims?: boolean
  /**
   * Change the answer of an endpoint (`token`, `userinfo`) after the provider produced it:
   * gets the recorded request and the provider's response, returns what to send instead.
   */
  /**
   * Refuse (401 invalid_client) a token request whose client authentication is not the
   * client's registered method. oidc-provider itself accepts Basic and post alike; many
   * real providers don't, and this plays them.
   */
  strictClientAuth?: boolean
  rewrite?: Partial<
    Record<'token' | 'userinfo', (req: RecordedRequest, produced: { status: number; body: string }) => ResponseRewrite | undefined>
  >
}

export interface Idp {
  /** Issuer URL, e.g. `http://127.0.0.1:43123` (no trailing slash). */
  issuer: string
  /** Discovery document URL. */
  discoveryUrl: string
  authUrl: string
  tokenUrl: string
  userinfoUrl: string
  jwksUrl: string
  /** Every request received, in order. */
  recorded: RecordedRequest[]
  /** Requests one endpoint received. */
  requests(endpoint: 'token' | 'userinfo' | 'auth'): RecordedRequest[]
  /** The oidc-provider instance, for tests that need more. */
  provider: Provider
  close(): Promise<void>
}

export const DEFAULT_ACCOUNTS: Record<string, IdpAccount> = {
  jane: {
    claims: {
      sub: 'jane',
      email: 'jane@example.com',
      email_verified: true,
      name: 'Jane Doe',
      given_name: 'Jane',
      family_name: 'Doe',
      preferred_username: 'jane_doe'
    }
  }
}

export const DEFAULT_CLAIMS: Record<string, string[]> = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username']
}

// The quick-start notices are expected in a test provider; keep test output readable.
for (const level of ['warn', 'info'] as const) {
  const orig = console[level].bind(console)
  console[level] = (...args: unknown[]) => {
    if (
      typeof args[0] === 'string' &&
      /^oidc-provider (WARNING: (a quick start|already parsed)|NOTICE: default (ttl|renderError))/.test(args[0])
    )
      return
    orig(...args)
  }
}

const ROUTES = { auth: '/auth', token: '/token', userinfo: '/me', jwks: '/jwks' } as const

let signingJwk: Record<string, unknown> | undefined
/** One RSA key per test process: generating it costs ~50 ms. */
function signingKey(): Record<string, unknown> {
  if (!signingJwk) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    signingJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', use: 'sig', alg: 'RS256' }
  }
  return signingJwk
}

/** A loopback port that was free a moment ago (for redirect URIs registered before listening). */
export async function freePort(): Promise<number> {
  // Ports from below the OS's ephemeral range (Linux: 32768–60999): a server elsewhere
  // in the suite that listens on port 0 can never be handed the port we just chose
  // (which happened with listen(0)-then-close, under parallel test files).
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000)
    const srv = http.createServer()
    const ok = await new Promise<boolean>((resolve) => {
      srv.once('error', () => resolve(false))
      srv.listen(port, '127.0.0.1', () => resolve(true))
    })
    if (!ok) continue
    await new Promise<void>((resolve) => srv.close(() => resolve()))
    return port
  }
  throw new Error('no free loopback port found in 20000–31999')
}

/** A confidential client authenticating with HTTP Basic (RFC 6749 §2.3.1). */
export function basicClient(redirectUri: string, extra: Partial<IdpClient> = {}): IdpClient {
  return {
    client_id: 'basic-client',
    client_secret: 'basic-secret-Xq7!v9 z',
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: [redirectUri],
    ...extra
  }
}

/** A confidential client sending its id and secret in the form body. */
export function postClient(redirectUri: string, extra: Partial<IdpClient> = {}): IdpClient {
  return {
    client_id: 'post-client',
    client_secret: 'post-secret-Kd3#m1&w',
    token_endpoint_auth_method: 'client_secret_post',
    redirect_uris: [redirectUri],
    ...extra
  }
}

/** Starts a provider on 127.0.0.1 with an ephemeral port. */
export async function startIdp(opts: StartIdpOptions = {}): Promise<Idp> {
  const server = http.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const issuer = `http://127.0.0.1:${port}`
  const accounts = opts.accounts ?? DEFAULT_ACCOUNTS
  const claims = opts.claims ?? DEFAULT_CLAIMS
  const clients = opts.clients ?? []
  const pkceClients = new Set(clients.filter((c) => c.pkce_required).map((c) => c.client_id))
  const usesJwtUserinfo = clients.some((c) => c.userinfo_signed_response_alg)

  const provider = new Provider(issuer, {
    clients: clients.map(({ pkce_required: _p, ...c }) => ({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      ...c
    })),
    jwks: { keys: [signingKey() as never] },
    cookies: { keys: [randomUUID()] },
    claims: { ...claims, ...Object.fromEntries((opts.scopes ?? []).map((s) => [s, []])) },
    scopes: ['openid', 'offline_access', ...Object.keys(claims), ...(opts.scopes ?? [])],
    conformIdTokenClaims: opts.conformIdTokenClaims ?? true,
    // Explicit lifetimes: the defaults print a notice per artifact type.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    features: {
      devInteractions: { enabled: true },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: usesJwtUserinfo }
    },
    pkce: { required: (_ctx, client) => pkceClients.has(client.clientId) },
    routes: { authorization: ROUTES.auth, token: ROUTES.token, userinfo: ROUTES.userinfo, jwks: ROUTES.jwks },
    async findAccount(_ctx, id) {
      const account = accounts[id]
      if (!account) return undefined
      return {
        accountId: id,
        async claims(use: string) {
          return {
            ...account.claims,
            sub: (account.claims.sub as string | undefined) ?? id,
            ...(use === 'id_token' ? (account.idTokenOnlyClaims ?? {}) : {})
          }
        }
      }
    }
  })
  // oidc-provider prints a warning per error; tests provoke errors on purpose.
  provider.on('server_error', () => {})

  const recorded: RecordedRequest[] = []
  const handle = provider.callback()
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const url = req.url ?? '/'
      const path = url.split('?')[0] ?? '/'
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        url,
        headers: { ...req.headers },
        rawHeaders: [...req.rawHeaders],
        body: body.toString('utf8')
      }
      recorded.push(rec)
      // The body is consumed here; oidc-provider then reads it from req.body (selective_body.js).
      ;(req as http.IncomingMessage & { body?: Buffer }).body = body
      const endpoint = path === ROUTES.token ? 'token' : path === ROUTES.userinfo ? 'userinfo' : undefined
      if (endpoint === 'token' && opts.strictClientAuth && !clientAuthMatches(rec, clients)) {
        const body = JSON.stringify({ error: 'invalid_client', error_description: 'client authentication failed' })
        rec.status = 401
        rec.responseBody = body
        res.writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
        res.end(body)
        return
      }
      if (endpoint) captureResponse(res, rec, opts.rewrite?.[endpoint])
      res.on('finish', () => {
        rec.status = res.statusCode
      })
      void handle(req, res)
    })
  })

  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    authUrl: `${issuer}${ROUTES.auth}`,
    tokenUrl: `${issuer}${ROUTES.token}`,
    userinfoUrl: `${issuer}${ROUTES.userinfo}`,
    jwksUrl: `${issuer}${ROUTES.jwks}`,
    recorded,
    requests(endpoint) {
      const p = endpoint === 'token' ? ROUTES.token : endpoint === 'userinfo' ? ROUTES.userinfo : ROUTES.auth
      return recorded.filter((r) => r.path === p)
    },
    provider,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** Whether a token request authenticates the way its client is registered to. */
function clientAuthMatches(rec: RecordedRequest, clients: IdpClient[]): boolean {
  const form = new URLSearchParams(rec.body)
  const basic = typeof rec.headers.authorization === 'string' && /^basic /i.test(rec.headers.authorization)
  let id = form.get('client_id')
  if (basic) {
    const decoded = Buffer.from(rec.headers.authorization!.slice(6), 'base64').toString('utf8')
    id = decodeURIComponent(decoded.split(':')[0]!.replace(/\+/g, '%20'))
  }
  const client = clients.find((c) => c.client_id === id)
  if (!client) return true
  const method = client.token_endpoint_auth_method ?? 'client_secret_basic'
  return method === 'client_secret_basic' ? basic && !form.has('client_secret') : !basic && form.has('client_secret')
}

/**
 * Keeps the body the provider answers (koa ends JSON responses with one `res.end(body)`)
 * and optionally replaces it before the headers leave.
 */
function captureResponse(
  res: http.ServerResponse,
  rec: RecordedRequest,
  rewrite: ((req: RecordedRequest, produced: { status: number; body: string }) => ResponseRewrite | undefined) | undefined
): void {
  const origEnd = res.end.bind(res) as (...a: unknown[]) => http.ServerResponse
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const produced = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : ''
    const forced = rewrite?.(rec, { status: res.statusCode, body: produced })
    if (forced && !res.headersSent) {
      const body = forced.body ?? produced
      if (forced.status !== undefined) res.statusCode = forced.status
      if (forced.contentType === null) res.removeHeader('content-type')
      else if (forced.contentType !== undefined) res.setHeader('content-type', forced.contentType)
      res.setHeader('content-length', Buffer.byteLength(body))
      rec.responseBody = body
      return origEnd(body)
    }
    rec.responseBody = produced
    return origEnd(chunk, ...rest)
  }) as typeof res.end
}

/** What happened at the end of a scripted login. */
export interface LoginOutcome {
  /** The URL the provider finally redirected the browser to (our loopback callback). */
  callbackUrl: string
  /** Status and body our callback listener answered, when `deliver` is on. */
  callbackStatus?: number
  callbackBody?: string
}

export interface CompleteLoginOptions {
  /** Account id to log in as (default `jane`). */
  login?: string
  /** Click "Cancel" on the consent page instead of "Continue" (→ access_denied). */
  deny?: boolean
  /** GET the final callback URL, like a browser would (default true). */
  deliver?: boolean
}

/**
 * Plays the browser through oidc-provider's dev login and consent pages over HTTP, with
 * a cookie jar and manual redirects, until the provider redirects away from itself
 * (to the redirect URI). Throws with the page text if the provider shows an error page.
 */
export async function completeLogin(authorizationUrl: string, opts: CompleteLoginOptions = {}): Promise<LoginOutcome> {
  const login = opts.login ?? 'jane'
  const deliver = opts.deliver ?? true
  const idpOrigin = new URL(authorizationUrl).origin
  const jar = new Map<string, string>()
  let url = authorizationUrl
  let method: 'GET' | 'POST' = 'GET'
  let body: string | undefined

  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        ...(jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
      },
      body
    })
    for (const sc of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = sc.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a))
      if (expired || value === '') jar.delete(name)
      else jar.set(name, value)
    }
    method = 'GET'
    body = undefined
    const location = res.headers.get('location')
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel()
      const next = new URL(location, url)
      if (next.origin !== idpOrigin) {
        if (!deliver) return { callbackUrl: next.toString() }
        const cb = await fetch(next, { redirect: 'manual' })
        return { callbackUrl: next.toString(), callbackStatus: cb.status, callbackBody: await cb.text() }
      }
      url = next.toString()
      continue
    }
    const html = await res.text()
    if (res.status !== 200) throw new Error(`The provider answered ${res.status} at ${url}: ${pageText(html)}`)
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1]
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
    if (!prompt || !action) throw new Error(`Unexpected page at ${url}: ${pageText(html)}`)
    if (prompt === 'consent' && opts.deny) {
      const abort = /href="([^"]*\/abort)"/.exec(html)?.[1]
      if (!abort) throw new Error('No cancel link on the consent page')
      url = new URL(decodeHtml(abort), url).toString()
      continue
    }
    url = new URL(decodeHtml(action), url).toString()
    method = 'POST'
    body =
      prompt === 'login'
        ? new URLSearchParams({ prompt: 'login', login, password: 'any-password' }).toString()
        : new URLSearchParams({ prompt }).toString()
  }
  throw new Error('The login did not finish within 20 steps')
}

/** Same as completeLogin, denying consent: the provider answers `error=access_denied`. */
export function denyConsent(authorizationUrl: string, opts: Omit<CompleteLoginOptions, 'deny'> = {}): Promise<LoginOutcome> {
  return completeLogin(authorizationUrl, { ...opts, deny: true })
}

function decodeHtml(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/gi, '/')
    .replace(/&#47;/g, '/')
    .replace(/&quot;/g, '"')
}

function pageText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 400)
}
