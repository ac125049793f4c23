import * as oidc from 'openid-client'
import { httpRequest, isLoopbackHost } from '../net/http'

export interface IdTokenCheckInput {
  idToken: string
  clientId: string
  tokenUrl: string
  redirectUri: string
  /** From discovery, when the wizard has it; otherwise found from the token's `iss`. */
  issuer?: string | null
  jwksUri?: string | null
  /** Only when a nonce was sent (extra checks). */
  expectedNonce?: string
  /** Seconds to add to this computer's clock (tests simulate a skewed clock with it). */
  clockSkewSeconds?: number
  signal?: AbortSignal
}

export interface IdTokenCheck {
  /** The claims (verified when `verified`), null when the token can't even be decoded. */
  claims: Record<string, unknown> | null
  verified: boolean
  /** Why it is not verified, in words for the admin. */
  problem: string | null
  /** `clock-skew`, `signature`, `claims`, `keys`, `format`, or null. */
  kind: 'clock-skew' | 'signature' | 'claims' | 'keys' | 'format' | null
  /**
   * This computer's now minus the token's `iat`, in seconds. The token was issued an
   * instant ago, so anything beyond a minute is the two clocks disagreeing.
   */
  clockOffsetSeconds: number | null
}

/** Beyond this, `iat` of a token issued a moment ago says the clocks disagree. */
export const CLOCK_SKEW_WARN_SECONDS = 60

function decodePart(part: string | undefined): Record<string, unknown> | null {
  try {
    const v = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** The key set location: from discovery, or from the discovery document of the token's own issuer. */
async function findJwks(iss: string, input: IdTokenCheckInput): Promise<{ issuer: string; jwksUri: string } | string> {
  if (input.issuer && input.jwksUri) return { issuer: input.issuer, jwksUri: input.jwksUri }
  const url = `${iss.replace(/\/+$/, '')}/.well-known/openid-configuration`
  try {
    const res = await httpRequest({ url, signal: input.signal, timeoutMs: 10_000, what: 'the ID token issuer’s discovery document' })
    const doc = JSON.parse(res.bodyText) as Record<string, unknown>
    if (res.status !== 200 || doc.issuer !== iss || typeof doc.jwks_uri !== 'string') {
      return `the discovery document at ${url} does not describe the issuer “${iss}” with a jwks_uri`
    }
    return { issuer: iss, jwksUri: doc.jwks_uri }
  } catch {
    return `the discovery document of the ID token’s issuer (${url}) could not be read`
  }
}

function fetchThroughHttp(input: IdTokenCheckInput, canned: string): oidc.CustomFetch {
  return async (url, options) => {
    // The token endpoint was already called, exactly as the panel does; replay its answer.
    if (url === input.tokenUrl) return new Response(canned, { status: 200, headers: { 'content-type': 'application/json' } })
    const headers: Record<string, string> = {}
    new Headers(options.headers as ConstructorParameters<typeof Headers>[0]).forEach((v, k) => {
      headers[k] = v
    })
    const res = await httpRequest({
      url,
      method: options.method,
      headers,
      signal: input.signal,
      timeoutMs: 10_000,
      what: 'the provider’s key set (jwks_uri)'
    })
    const nullBody = res.status === 204 || res.status === 205 || res.status === 304
    return new Response(nullBody ? null : res.bodyText, { status: res.status, headers: res.headers })
  }
}

/**
 * Verifies an ID token with openid-client (OIDC Core §3.1.3.7): signature against the
 * provider's JWKS, `iss`, `aud` (our client id), `azp`, `exp`/`iat` with 30 s tolerance,
 * and `nonce` when one was sent. The panel itself ignores the ID token, so a failure here
 * is a finding, not a failed login. Never throws.
 */
export async function checkIdToken(input: IdTokenCheckInput): Promise<IdTokenCheck> {
  const [h, p] = input.idToken.split('.')
  const header = decodePart(h)
  const payload = decodePart(p)
  if (!header || !payload)
    return {
      claims: null,
      verified: false,
      problem: 'The id_token in the token response is not a readable JWT.',
      kind: 'format',
      clockOffsetSeconds: null
    }
  const clockOffsetSeconds =
    typeof payload.iat === 'number' ? Math.round(Date.now() / 1000 + (input.clockSkewSeconds ?? 0) - payload.iat) : null
  const r = await verify(input, header, payload)
  return { ...r, clockOffsetSeconds }
}

async function verify(
  input: IdTokenCheckInput,
  header: Record<string, unknown>,
  payload: Record<string, unknown>
): Promise<Omit<IdTokenCheck, 'clockOffsetSeconds'>> {
  const alg = typeof header.alg === 'string' ? header.alg : ''
  if (alg === 'none' || alg.startsWith('HS')) {
    return {
      claims: payload,
      verified: false,
      problem: `The ID token is ${alg === 'none' ? 'unsigned' : `signed with the client secret (${alg})`}; its claims are shown unverified.`,
      kind: 'signature'
    }
  }
  const iss = typeof payload.iss === 'string' ? payload.iss : ''
  const where = await findJwks(iss, input)
  if (typeof where === 'string')
    return { claims: payload, verified: false, problem: `The ID token’s signature was not checked: ${where}.`, kind: 'keys' }

  const server: oidc.ServerMetadata = { issuer: where.issuer, token_endpoint: input.tokenUrl, jwks_uri: where.jwksUri }
  const config = new oidc.Configuration(server, input.clientId, {
    id_token_signed_response_alg: alg,
    [oidc.clockSkew]: input.clockSkewSeconds ?? 0
  })
  const canned = JSON.stringify({ access_token: 'replayed', token_type: 'bearer', id_token: input.idToken })
  config[oidc.customFetch] = fetchThroughHttp(input, canned)
  const insecure = [where.issuer, where.jwksUri].some((u) => {
    try {
      const url = new URL(u)
      return url.protocol === 'http:' && isLoopbackHost(url.hostname)
    } catch {
      return false
    }
  })
  if (insecure) oidc.allowInsecureRequests(config)
  oidc.enableNonRepudiationChecks(config)
  const callback = new URL(input.redirectUri)
  callback.search = new URLSearchParams({ code: 'replayed', state: 'replayed' }).toString()
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      expectedState: 'replayed',
      expectedNonce: input.expectedNonce,
      idTokenExpected: true
    })
    return { claims: (tokens.claims() as Record<string, unknown> | undefined) ?? payload, verified: true, problem: null, kind: null }
  } catch (err) {
    return { claims: payload, verified: false, ...describeFailure(err, payload, input) }
  }
}

function describeFailure(err: unknown, payload: Record<string, unknown>, input: IdTokenCheckInput): Pick<IdTokenCheck, 'problem' | 'kind'> {
  const e = err as { code?: string; message?: string; cause?: { claim?: string; now?: number } }
  const msg = e.message ?? String(err)
  if (e.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') {
    const claim = e.cause?.claim ?? 'exp'
    const now = Math.floor(Date.now() / 1000) + (input.clockSkewSeconds ?? 0)
    const iat = typeof payload.iat === 'number' ? payload.iat : null
    const off = iat !== null ? now - iat : null
    return {
      kind: 'clock-skew',
      problem: `The ID token’s “${claim}” time does not fit this computer’s clock${off !== null ? ` (it was issued ${Math.abs(off)} s ${off >= 0 ? 'before' : 'after'} this computer’s now)` : ''}: one of the two clocks is wrong. Check the time and time zone of this computer and of the provider’s server (NTP).`
    }
  }
  if (e.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' || e.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') {
    return { kind: 'claims', problem: `The ID token failed a claim check: ${msg}.` }
  }
  if (e.code === 'OAUTH_KEY_SELECTION_FAILED') {
    return { kind: 'keys', problem: `No key in the provider’s JWKS matches the ID token’s signature key: ${msg}.` }
  }
  if (/signature/i.test(msg))
    return { kind: 'signature', problem: `The ID token’s signature does not verify against the provider’s JWKS: ${msg}.` }
  return { kind: 'claims', problem: `The ID token could not be verified: ${msg}.` }
}
