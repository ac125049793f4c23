import { AppError, type ErrorCode, type Evidence } from '../../shared/errors'
import type { TokenEndpointAuth } from '../../shared/login'
import { evidenceOf, httpRequest, type HttpResponse } from '../net/http'
import { secretsInUse } from '../redaction/redact'
import { parse as parseJsonAst, type MemberNode, type ObjectNode } from '@humanwhocodes/momoa'
import { formEncode } from './authorization-request'

/**
 * What the admin is told whenever a token answer breaks one of the panel's rules: the
 * panel's callback turns every token failure into 500 "internal server error" (its debug
 * mode shows the OAuth library's message instead); see docs/panel-behaviour.md#token-and-userinfo-requests.
 */
export const PANEL_FAILS_500 = 'the panel will fail here with 500 (internal server error)'

export interface TokenRequest {
  tokenUrl: string
  clientId: string
  clientSecret: string
  code: string
  redirectUri: string
  auth: TokenEndpointAuth
  /** Extra checks only (PKCE); the panel never sends it. */
  codeVerifier?: string
  signal?: AbortSignal
  timeoutMs?: number
}

/** The parts of a token response the panel's oauth2 crate reads (RFC 6749 §5.1). */
export interface TokenResponse {
  accessToken: string
  tokenType: string
  scope: string | null
  expiresIn: number | null
  idToken: string | null
  /** Raw body, for the ID token check; holds tokens: never logged or returned. */
  raw: string
}

/** A refusal from the token endpoint (RFC 6749 §5.2), with what the provider said. */
export interface TokenErrorBody {
  error: string
  error_description?: string
  error_uri?: string
}

export type TokenOutcome =
  | { ok: true; response: TokenResponse; http: HttpResponse }
  | { ok: false; status: number; error: TokenErrorBody | null; http: HttpResponse; evidence: Evidence }

/**
 * RFC 6749 §2.3.1: the client id and secret are each form-urlencoded before being joined
 * for HTTP Basic — the panel's oauth2 crate does this; plain Basic (curl) does not.
 */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const enc = (s: string): string => formEncode([['', s]]).slice(1)
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`, 'utf8').toString('base64')}`
}

/**
 * The token request exactly as the panel sends it (oauth2 crate; docs/panel-behaviour.md#token-and-userinfo-requests):
 * POST, `Accept: application/json`, form body `grant_type=authorization_code&code=…`,
 * then `client_id`/`client_secret` in the body when Basic Auth is off, then
 * `redirect_uri`; with Basic Auth on, `Authorization: Basic …` instead.
 */
export function tokenRequestParts(r: TokenRequest): { headers: Record<string, string>; body: string } {
  const pairs: Array<[string, string]> = [
    ['grant_type', 'authorization_code'],
    ['code', r.code]
  ]
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded'
  }
  if (r.auth === 'client_secret_basic') headers.authorization = basicAuthorization(r.clientId, r.clientSecret)
  else pairs.push(['client_id', r.clientId], ['client_secret', r.clientSecret])
  pairs.push(['redirect_uri', r.redirectUri])
  if (r.codeVerifier !== undefined) pairs.push(['code_verifier', r.codeVerifier])
  return { headers, body: formEncode(pairs) }
}

/** Evidence of a token response: the secret, the code and the Basic credentials blanked in every encoding. */
function tokenEvidence(res: HttpResponse, r: TokenRequest): Evidence {
  return evidenceOf(res, 'POST', [r.code, basicAuthorization(r.clientId, r.clientSecret).slice('Basic '.length)])
}

/**
 * Sends the token request and reads the answer the way the panel's oauth2 crate does:
 * only 200 is success; a Content-Type, when present, must be application/json; the body
 * must be a JSON object with string `access_token` and `token_type`, and `expires_in`,
 * when present, an unsigned integer. Anything else is an AppError naming the field.
 */
export async function requestToken(r: TokenRequest): Promise<TokenOutcome> {
  const { headers, body } = tokenRequestParts(r)
  const res = await httpRequest({
    url: r.tokenUrl,
    method: 'POST',
    headers,
    body,
    signal: r.signal,
    timeoutMs: r.timeoutMs ?? 20_000,
    maxRedirects: 0,
    what: 'the token endpoint'
  })
  // A provider that echoes the request would otherwise put these in a message.
  secretsInUse.add(r.clientSecret)
  secretsInUse.add(r.code)
  const evidence = tokenEvidence(res, r)
  if (res.status !== 200) {
    let error: TokenErrorBody | null = null
    try {
      const j = JSON.parse(res.bodyText) as Record<string, unknown>
      if (j && typeof j === 'object' && typeof j.error === 'string') {
        error = { error: j.error }
        if (typeof j.error_description === 'string') error.error_description = j.error_description
        if (typeof j.error_uri === 'string') error.error_uri = j.error_uri
      }
    } catch {
      // Not JSON: the status and the body excerpt are all the evidence there is.
    }
    return { ok: false, status: res.status, error, http: res, evidence }
  }
  const response = parseTokenResponse(res, evidence)
  // The tokens are secrets too from here on (a userinfo error page may quote them).
  secretsInUse.add(response.accessToken)
  secretsInUse.add(response.idToken)
  return { ok: true, response, http: res }
}

function notUsable(code: ErrorCode, message: string, hint: string, evidence: Evidence): AppError {
  return new AppError(code, message, { hint, evidence })
}

/** The success-response checks of the panel's oauth2 crate (it rejects what fails them). */
export function parseTokenResponse(res: HttpResponse, evidence: Evidence): TokenResponse {
  const ct = res.headers.get('content-type')
  // oauth2's check: the header, when sent, lower-cased, must start with application/json.
  if (ct !== null && !ct.toLowerCase().startsWith('application/json')) {
    throw notUsable(
      'login.token-not-json',
      `The token endpoint answered with Content-Type “${ct}”; the panel’s OAuth library accepts only application/json…, so ${PANEL_FAILS_500}.`,
      'Check that the Token URL is the provider’s token endpoint (token_endpoint in its discovery document), not a web page; a proxy in front of the provider may also rewrite the header.',
      evidence
    )
  }
  if (res.bodyText.length === 0) {
    throw notUsable(
      'login.token-not-json',
      `The token endpoint answered 200 with an empty body (“server returned empty response body”), so ${PANEL_FAILS_500}.`,
      'Check the Token URL.',
      evidence
    )
  }
  let json: unknown
  try {
    json = JSON.parse(res.bodyText)
  } catch {
    throw notUsable(
      'login.token-not-json',
      `The token endpoint’s answer is not JSON; the panel’s OAuth library cannot read it, so ${PANEL_FAILS_500}.`,
      'Some providers answer form-encoded tokens unless asked for JSON; the panel sends Accept: application/json and cannot change that. Check the Token URL.',
      evidence
    )
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw notUsable(
      'login.token-not-json',
      `The token endpoint’s answer is JSON but not an object, so ${PANEL_FAILS_500}.`,
      'Check the Token URL.',
      evidence
    )
  }
  const j = json as Record<string, unknown>
  if (typeof j.access_token !== 'string') {
    throw notUsable(
      'login.token-missing-field',
      `The token response has no access_token${j.access_token === undefined ? '' : ' string'}; the panel needs it to call the Info URL, so ${PANEL_FAILS_500}.`,
      'Check that the Token URL is the provider’s OAuth 2.0 token endpoint.',
      evidence
    )
  }
  if (typeof j.token_type !== 'string') {
    throw notUsable(
      'login.token-missing-token-type',
      j.token_type === undefined
        ? `The token response has no token_type. RFC 6749 §5.1 requires it, and the panel’s OAuth library rejects a response without it, so ${PANEL_FAILS_500}.`
        : `The token response’s token_type is not a string; the panel’s OAuth library rejects it, so ${PANEL_FAILS_500}.`,
      'This is the provider’s bug (or the Token URL points at something else); the panel cannot work around it. Check for a provider setting or update.',
      evidence
    )
  }
  const expiresIn = expiresInProblem(res.bodyText, j.expires_in)
  if (expiresIn !== null) {
    throw notUsable(
      'login.token-bad-field',
      `The token response’s expires_in is ${expiresIn}, not a JSON integer of seconds; the panel’s OAuth library rejects it, so ${PANEL_FAILS_500}.`,
      'RFC 6749 §5.1 defines expires_in as a number of seconds, written as a plain integer (3600, not "3600" or 3600.0). This is the provider’s (or a proxy’s) doing; check for a setting or update.',
      evidence
    )
  }
  for (const f of ['scope', 'refresh_token'] as const) {
    if (j[f] !== undefined && j[f] !== null && typeof j[f] !== 'string') {
      throw notUsable(
        'login.token-bad-field',
        `The token response’s ${f} is not a string; the panel’s OAuth library rejects it, so ${PANEL_FAILS_500}.`,
        'RFC 6749 §5.1 defines it as a string.',
        evidence
      )
    }
  }
  return {
    accessToken: j.access_token,
    tokenType: j.token_type,
    scope: typeof j.scope === 'string' ? j.scope : null,
    expiresIn: typeof j.expires_in === 'number' ? j.expires_in : null,
    idToken: typeof j.id_token === 'string' ? j.id_token : null,
    raw: res.bodyText
  }
}

/** u64::MAX: the largest expires_in the panel's OAuth library (serde, u64) reads. */
const U64_MAX = 18446744073709551615n

/**
 * Why `expires_in` fails the panel's reading (an unsigned 64-bit integer, written as a JSON
 * integer: serde refuses `3600.0`, `3.6e3` and `"3600"` alike), as its JSON text; null when
 * it is absent, null or fine. JSON.parse cannot tell 3600 from 3600.0, so the raw text decides.
 */
export function expiresInProblem(body: string, parsed: unknown): string | null {
  if (parsed === undefined || parsed === null) return null
  if (typeof parsed !== 'number') return JSON.stringify(parsed)
  const raw = rawMemberText(body, 'expires_in')
  if (raw === null) return Number.isInteger(parsed) && parsed >= 0 ? null : String(parsed)
  if (!/^(0|[1-9][0-9]*)$/.test(raw) || BigInt(raw) > U64_MAX) return raw
  return null
}

/** The source text of a top-level member's value (the last one, as JSON.parse keeps it). */
function rawMemberText(body: string, key: string): string | null {
  try {
    const ast = parseJsonAst(body, { ranges: true })
    if (ast.body.type !== 'Object') return null
    const members = (ast.body as ObjectNode).members.filter((m: MemberNode) => m.name.type === 'String' && m.name.value === key)
    const last = members[members.length - 1]
    if (!last) return null
    return body.slice(last.value.loc.start.offset, last.value.loc.end.offset)
  } catch {
    return null
  }
}
