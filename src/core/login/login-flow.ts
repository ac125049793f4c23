import { randomUUID } from 'node:crypto'
import { AppError } from '../../shared/errors'
import {
  LOGIN_DEFAULT_PORT,
  LOGIN_DEFAULT_TIMEOUT_MS,
  type LoginFinding,
  type LoginResult,
  type TokenEndpointAuth
} from '../../shared/login'
import type { PathField } from '../../shared/provider'
import { httpRequest } from '../net/http'
import { buildAuthorizationUrl, codeChallengeS256, newAuthorizationSecrets, type AuthorizationSecrets } from './authorization-request'
import { listenForCallback, type CallbackListener, type CallbackParams } from './callback-listener'
import { analyseClaims } from './claims-analysis'
import { authorizationError, diagnosePreflight, isInvalidClient, PANEL_PATTERN, tokenError, type DiagnosisContext } from './diagnose'
import { checkIdToken, CLOCK_SKEW_WARN_SECONDS } from './id-token'
import { requestToken, type TokenOutcome, type TokenResponse } from './token-request'
import { requestUserinfo } from './userinfo-request'

/** The parts of the provider record the test login uses (never the secret). */
export interface LoginConfig extends Partial<Record<PathField, string | null>> {
  client_id: string
  auth_url: string
  token_url: string
  info_url: string
  scopes: string[]
  basic_auth: boolean
}

export interface LoginOptions {
  config: LoginConfig
  clientSecret: string
  /** Default 53219 (LOGIN_DEFAULT_PORT); 0 picks a free port. */
  port?: number
  /** Adds nonce and PKCE S256, which the panel never sends. */
  extraChecks?: boolean
  discovery?: {
    issuer?: string | null
    jwks_uri?: string | null
    scopes_supported?: string[] | null
    claims_supported?: string[] | null
    token_endpoint_auth_methods_supported?: string[] | null
  }
  timeoutMs?: number
  /** The panel's redirect URL when known (for messages); else its pattern. */
  panelRedirectUri?: string
  /** Fetch the authorization URL once without a browser to catch refusals early (default true). */
  preflight?: boolean
  /** Seconds added to this computer's clock for the ID token check (tests). */
  clockSkewSeconds?: number
}

export interface StartedLogin {
  flowId: string
  /** Holds the state: shown to the admin, never logged. */
  authorizationUrl: string
  redirectUri: string
  expiresAt: string
  /** Settles with the result or an AppError saying what went wrong and what to do. */
  result: Promise<LoginResult>
  cancel(): void
}

function checkUrl(value: string, field: 'auth_url' | 'token_url' | 'info_url', label: string): void {
  let u: URL
  try {
    u = new URL(value)
  } catch {
    throw new AppError('login.bad-url', `${label} is not a URL: “${value}”.`, {
      field,
      hint: 'Run discovery or paste the URL from the provider’s discovery document.'
    })
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new AppError('login.bad-url', `${label} must start with https:// (“${value}”).`, { field })
  }
}

/**
 * Starts a test login: binds the loopback listener, builds the authorization URL the
 * way the panel does, checks the provider does not refuse it outright, and returns
 * the URL to open. The returned `result` runs the rest once the browser comes back.
 */
export async function startLogin(opts: LoginOptions): Promise<StartedLogin> {
  const { config } = opts
  checkUrl(config.auth_url, 'auth_url', 'The Auth URL')
  checkUrl(config.token_url, 'token_url', 'The Token URL')
  checkUrl(config.info_url, 'info_url', 'The Info URL')
  if (config.client_id.trim() === '') throw new AppError('login.no-client-id', 'Enter the Client ID first.', { field: 'client_id' })
  if (opts.clientSecret === '') throw new AppError('login.no-secret', 'Enter the Client Secret first.', { field: 'client_secret' })

  const extraChecks = opts.extraChecks ?? false
  const secrets = newAuthorizationSecrets(extraChecks)
  const timeoutMs = opts.timeoutMs ?? LOGIN_DEFAULT_TIMEOUT_MS
  const cancel = new AbortController()
  const listener = await listenForCallback({
    port: opts.port ?? LOGIN_DEFAULT_PORT,
    expectedState: secrets.state,
    timeoutMs,
    signal: cancel.signal
  })
  const authorizationUrl = buildAuthorizationUrl(config.auth_url, {
    clientId: config.client_id,
    redirectUri: listener.redirectUri,
    scopes: config.scopes,
    state: secrets.state,
    ...(secrets.codeVerifier ? { codeChallenge: codeChallengeS256(secrets.codeVerifier) } : {}),
    ...(secrets.nonce ? { nonce: secrets.nonce } : {})
  })
  const ctx: DiagnosisContext = {
    redirectUri: listener.redirectUri,
    scopes: config.scopes,
    scopesSupported: opts.discovery?.scopes_supported ?? null,
    extraChecks,
    panelRedirectUri: opts.panelRedirectUri ?? PANEL_PATTERN
  }

  if (opts.preflight !== false) {
    try {
      const res = await httpRequest({
        url: authorizationUrl,
        maxRedirects: 0,
        timeoutMs: 10_000,
        signal: cancel.signal,
        what: 'the Auth URL'
      })
      const refusal = diagnosePreflight(res, ctx)
      if (refusal) throw refusal
    } catch (err) {
      listener.close()
      throw err
    }
  }

  const result = finishLogin(opts, listener, secrets, ctx, cancel.signal)
  // Settled by whoever awaits it; this keeps an early failure from being "unhandled".
  result.catch(() => {})
  return {
    flowId: randomUUID(),
    authorizationUrl,
    redirectUri: listener.redirectUri,
    expiresAt: new Date(Date.now() + timeoutMs).toISOString(),
    result,
    cancel: () => cancel.abort()
  }
}

async function finishLogin(
  opts: LoginOptions,
  listener: CallbackListener,
  secrets: AuthorizationSecrets,
  ctx: DiagnosisContext,
  signal: AbortSignal
): Promise<LoginResult> {
  const { config } = opts
  const params: CallbackParams = await listener.result
  if (params.error !== null) throw authorizationError(params, ctx)
  if (params.code === null) {
    throw new AppError('login.no-code', 'The provider sent the browser back without an authorization code or an error.', {
      hint: 'Check that the client uses the authorization code flow (response type “code”).'
    })
  }
  const findings: LoginFinding[] = []
  if (params.iss !== null && opts.discovery?.issuer && params.iss !== opts.discovery.issuer) {
    findings.push({
      severity: 'warning',
      code: 'login.iss-mismatch',
      message: `The provider’s answer names the issuer “${params.iss}”, not “${opts.discovery.issuer}” from discovery (RFC 9207).`
    })
  }

  const configured: TokenEndpointAuth = config.basic_auth ? 'client_secret_basic' : 'client_secret_post'
  const other: TokenEndpointAuth = config.basic_auth ? 'client_secret_post' : 'client_secret_basic'
  const tokenCall = (auth: TokenEndpointAuth): Promise<TokenOutcome> =>
    requestToken({
      tokenUrl: config.token_url,
      clientId: config.client_id,
      clientSecret: opts.clientSecret,
      code: params.code!,
      redirectUri: listener.redirectUri,
      auth,
      ...(secrets.codeVerifier ? { codeVerifier: secrets.codeVerifier } : {}),
      signal
    })

  let used = configured
  let outcome = await tokenCall(configured)
  if (!outcome.ok && isInvalidClient(outcome.status, outcome.error)) {
    // Client authentication is checked before the code is spent (RFC 6749 §3.2.1), so the
    // same code can tell us, once, whether the other method is the one the provider wants.
    const first = outcome
    const retry = await tokenCall(other)
    if (retry.ok) {
      used = other
      outcome = retry
      findings.push({
        severity: 'warning',
        code: 'login.basic-auth-switched',
        message: `The provider refused ${configured} (${first.error ? first.error.error : first.status}) but accepted ${other}: the panel’s Basic Auth switch must be ${other === 'client_secret_basic' ? 'on' : 'off'}.`,
        hint: 'The assistant has set the Basic Auth switch accordingly.'
      })
    } else {
      throw tokenError({ ...first, auth: configured }, { auth: other, status: retry.status, error: retry.error }, ctx)
    }
  }
  if (!outcome.ok) throw tokenError({ ...outcome, auth: configured }, null, ctx)
  const token: TokenResponse = outcome.response

  const granted = token.scope
  if (granted !== null) {
    const missing = config.scopes.filter((s) => !granted.split(' ').includes(s))
    if (missing.length) {
      findings.push({
        severity: 'info',
        code: 'login.scopes-narrowed',
        message: `The provider granted the scopes “${granted}”, without ${missing.join(', ')} that the configuration requests.`
      })
    }
  }

  const userinfo = await requestUserinfo(config.info_url, token.accessToken, { signal })

  let idToken: LoginResult['id_token'] = null
  let idTokenClaims: Record<string, unknown> | null = null
  if (token.idToken !== null) {
    const check = await checkIdToken({
      idToken: token.idToken,
      clientId: config.client_id,
      tokenUrl: config.token_url,
      redirectUri: listener.redirectUri,
      issuer: opts.discovery?.issuer ?? null,
      jwksUri: opts.discovery?.jwks_uri ?? null,
      ...(secrets.nonce ? { expectedNonce: secrets.nonce } : {}),
      ...(opts.clockSkewSeconds !== undefined ? { clockSkewSeconds: opts.clockSkewSeconds } : {}),
      signal
    })
    idTokenClaims = check.claims
    idToken = { verified: check.verified, problem: check.problem }
    const off = check.clockOffsetSeconds
    if (check.kind !== 'clock-skew' && off !== null && Math.abs(off) > CLOCK_SKEW_WARN_SECONDS) {
      findings.push({
        severity: 'warning',
        code: 'login.id-token-clock-skew',
        message: `The ID token says it was issued ${Math.abs(off)} s ${off > 0 ? 'before' : 'after'} this computer’s now, though it was issued an instant ago: this computer’s clock and the provider’s disagree.`,
        hint: 'Check the time and time zone of this computer and of the provider’s server (NTP). A large skew makes tokens look expired or not yet valid.'
      })
    }
    if (check.problem) {
      findings.push({
        severity: 'warning',
        code: check.kind === 'clock-skew' ? 'login.id-token-clock-skew' : 'login.id-token-unverified',
        message: check.problem,
        hint: 'The panel ignores the ID token, so this does not stop the panel’s login; it does mean the claims shown from the ID token are unverified.'
      })
    }
  }

  findings.push(
    ...analyseClaims({
      userinfoText: userinfo.text,
      idTokenClaims,
      scopes: config.scopes,
      paths: config,
      grantedScope: granted
    })
  )

  return {
    userinfo: { status: userinfo.status, content_type: userinfo.contentType, text: userinfo.text },
    id_token_claims: idTokenClaims,
    id_token: idToken,
    token_endpoint_auth: used,
    basic_auth: used === 'client_secret_basic',
    basic_auth_changed: used !== configured,
    token: { token_type: token.tokenType, scope: token.scope, expires_in: token.expiresIn },
    findings,
    warnings: findings.map((f) => `${f.severity}: ${f.message}`)
  }
}

/**
 * One pending test login at a time (a second one cancels the first, like a browser
 * sign-in popup would): the port is single, and an old tab must not complete a new flow.
 */
export class LoginManager {
  private current: StartedLogin | null = null

  async start(opts: LoginOptions): Promise<StartedLogin> {
    this.cancel()
    const started = await startLogin(opts)
    // Kept after it settles, so a wait that arrives late still gets the result.
    this.current = started
    return started
  }

  /** Waits for the flow's result; aborting the signal cancels the flow. */
  async wait(flowId: string, signal?: AbortSignal): Promise<LoginResult> {
    const flow = this.current
    if (!flow || flow.flowId !== flowId) {
      throw new AppError('login.no-flow', 'This test login has ended or was replaced by a newer one.', {
        hint: 'Start the test login again.'
      })
    }
    const onAbort = (): void => flow.cancel()
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      return await flow.result
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  /** Cancels the given flow (or whichever is pending); true when something was cancelled. */
  cancel(flowId?: string): boolean {
    const flow = this.current
    if (!flow || (flowId !== undefined && flow.flowId !== flowId)) return false
    this.current = null
    flow.cancel()
    return true
  }
}
