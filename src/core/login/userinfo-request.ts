import { AppError } from '../../shared/errors'
import { evidenceOf, httpRequest, type HttpResponse } from '../net/http'

export interface UserinfoResponse {
  status: number
  contentType: string | null
  /** Exactly the text received: the panel (and the JSONPath tester) parse this. */
  text: string
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

/** Claim names of a JWT payload, decoded without verification (for the message only). */
function jwtClaimNames(text: string): string[] {
  try {
    const payload = JSON.parse(Buffer.from(text.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>
    return Object.keys(payload)
  } catch {
    return []
  }
}

/**
 * `GET info_url` with `Authorization: Bearer <access token>`, as the panel does
 * (docs/panel-behaviour.md#token-and-userinfo-requests: reqwest's `bearer_auth`, default `Accept: *\/*`), then the panel's
 * only requirement: the body parses as JSON. Redirects are not followed (the panel's
 * client would, dropping the token on another host): a redirect is reported instead.
 */
export async function requestUserinfo(
  infoUrl: string,
  accessToken: string,
  opts: { signal?: AbortSignal; timeoutMs?: number } = {}
): Promise<UserinfoResponse> {
  const res = await httpRequest({
    url: infoUrl,
    method: 'GET',
    headers: { authorization: `Bearer ${accessToken}`, accept: '*/*' },
    signal: opts.signal,
    timeoutMs: opts.timeoutMs ?? 20_000,
    maxRedirects: 0,
    what: 'the Info URL'
  })
  checkUserinfo(res, accessToken)
  return { status: res.status, contentType: res.headers.get('content-type'), text: res.bodyText }
}

function checkUserinfo(res: HttpResponse, accessToken: string): void {
  const evidence = evidenceOf(res, 'GET', [accessToken])
  const challenge = res.headers.get('www-authenticate')
  if (challenge) evidence.details = { 'www-authenticate': challenge }
  if (res.status >= 300 && res.status < 400) {
    const to = res.headers.get('location')
    throw new AppError(
      'login.userinfo-redirect',
      `The Info URL answered ${res.status}, a redirect${to ? ` to ${new URL(to, res.url).toString()}` : ''}, instead of the user’s data.`,
      {
        hint: 'Use the provider’s userinfo_endpoint from its discovery document as the Info URL, exactly (a redirect can drop the access token).',
        field: 'info_url',
        evidence
      }
    )
  }
  if (res.status === 401 || res.status === 403) {
    throw new AppError(
      'login.userinfo-unauthorized',
      `The Info URL refused the access token (${res.status}${challenge ? `: ${challenge}` : ''}).`,
      {
        hint: 'Check that the Info URL is this provider’s userinfo_endpoint (a token from one provider is not valid at another), and that the scopes include openid: many providers serve userinfo only for tokens with the openid scope.',
        field: 'info_url',
        evidence
      }
    )
  }
  if (res.status < 200 || res.status >= 300) {
    throw new AppError('login.userinfo-error', `The Info URL answered ${res.status} ${res.statusText}.`, {
      hint: 'Check the Info URL against userinfo_endpoint in the provider’s discovery document.',
      field: 'info_url',
      evidence
    })
  }
  const text = res.bodyText.trim()
  if (JWT_SHAPE.test(text)) {
    const names = jwtClaimNames(text)
    throw new AppError(
      'login.userinfo-jwt',
      'The Info URL answered a JWT (signed userinfo), not JSON. The panel reads the userinfo response as JSON and would fail every login with this provider.',
      {
        hint: 'In the provider’s settings for this client, turn off signed (or encrypted) userinfo responses, so that the userinfo endpoint answers plain JSON (OIDC Core §5.3.2).',
        field: 'info_url',
        evidence: {
          ...evidence,
          bodyExcerpt: '[a JWT; not shown]',
          details: { ...evidence.details, ...(names.length ? { claimsInJwt: names } : {}) }
        }
      }
    )
  }
  try {
    JSON.parse(res.bodyText)
  } catch {
    throw new AppError(
      'login.userinfo-not-json',
      'The Info URL’s answer is not JSON. The panel parses it as JSON and would fail every login with this provider.',
      {
        hint: 'Check that the Info URL is the provider’s userinfo_endpoint (not a web page or the discovery document).',
        field: 'info_url',
        evidence
      }
    )
  }
}
