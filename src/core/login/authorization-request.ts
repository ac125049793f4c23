import { createHash, randomBytes } from 'node:crypto'

/** What goes into the authorization request, besides the provider's auth_url. */
export interface AuthorizationParams {
  clientId: string
  redirectUri: string
  scopes: string[]
  state: string
  /** Extra checks only: the panel sends neither (docs/panel-behaviour.md#login-redirect). */
  codeChallenge?: string
  nonce?: string
}

/** Everything a flow must remember to check the answer; never logged. */
export interface AuthorizationSecrets {
  state: string
  nonce?: string
  codeVerifier?: string
}

function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** Fresh state, and with extra checks a nonce and a PKCE verifier (RFC 7636 §4.1: 43+ chars). */
export function newAuthorizationSecrets(extraChecks: boolean): AuthorizationSecrets {
  return extraChecks ? { state: randomToken(), nonce: randomToken(), codeVerifier: randomToken() } : { state: randomToken() }
}

/** RFC 7636 §4.2, S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

/** `application/x-www-form-urlencoded` pairs, as the WHATWG URL and Rust's form_urlencoded write them. */
export function formEncode(pairs: Array<[string, string]>): string {
  return new URLSearchParams(pairs).toString()
}

/**
 * The authorization URL exactly as the panel builds it (docs/panel-behaviour.md#login-redirect): the panel's
 * oauth2 crate appends, in this order, `response_type=code`, `client_id`, `state`,
 * (PKCE would come here), `redirect_uri`, and `scope` (the scopes joined by spaces,
 * omitted when there are none), to whatever query auth_url already has; extra
 * parameters (our nonce) come last. Encoding is form-urlencoded (space → `+`).
 */
export function buildAuthorizationUrl(authUrl: string, p: AuthorizationParams): string {
  const url = new URL(authUrl)
  const pairs: Array<[string, string]> = [
    ['response_type', 'code'],
    ['client_id', p.clientId],
    ['state', p.state]
  ]
  if (p.codeChallenge !== undefined) {
    pairs.push(['code_challenge', p.codeChallenge], ['code_challenge_method', 'S256'])
  }
  pairs.push(['redirect_uri', p.redirectUri])
  const scope = p.scopes.join(' ')
  if (scope !== '') pairs.push(['scope', scope])
  if (p.nonce !== undefined) pairs.push(['nonce', p.nonce])
  // Appended to the existing query as written, not re-serialized (Rust's query_pairs_mut does the same).
  const existing = url.search.replace(/^\?/, '')
  url.search = existing ? `${existing}&${formEncode(pairs)}` : formEncode(pairs)
  return url.toString()
}
