import { AppError, type Evidence } from '../../shared/errors'
import type { TokenEndpointAuth } from '../../shared/login'
import { evidenceOf, excerpt, type HttpResponse } from '../net/http'
import { redact } from '../redaction/redact'
import type { CallbackParams } from './callback-listener'
import { PANEL_FAILS_500, type TokenErrorBody } from './token-request'

/** What the diagnosis needs to speak precisely. */
export interface DiagnosisContext {
  redirectUri: string
  scopes: string[]
  scopesSupported?: string[] | null
  /** Whether nonce + PKCE were sent (extra checks); the panel sends neither. */
  extraChecks: boolean
  /** The panel's redirect URL pattern (docs/panel-behaviour.md#redirect-url), for the redirect_uri case. */
  panelRedirectUri: string
}

const PANEL_PATTERN = '{app.url}/api/auth/oauth/{uuid}'
export { PANEL_PATTERN }

const said = (error: string, description?: string | null): string => (description ? `${error}: “${description}”` : error)

const mentions = {
  redirect: /redirect[_ ]?ur[il]|callback[_ ]?ur[il]|redirect url|reply url/i,
  pkce: /pkce|code[_ ]challenge|code[_ ]verifier|proof key/i,
  scope: /scope/i
}

/** `redirect_uri` not registered (seed guide: “Redirect URI Mismatch”). */
export function redirectMismatch(providerWords: string, ctx: DiagnosisContext, evidence?: Evidence): AppError {
  return new AppError('login.redirect-uri-mismatch', `The provider does not accept the redirect URI ${ctx.redirectUri}: ${providerWords}`, {
    hint: `At the provider, add ${ctx.redirectUri} to this client’s allowed redirect (callback) URIs for the test login, next to the panel’s own ${ctx.panelRedirectUri}. They must match exactly: scheme, host, port, path and trailing slash.`,
    field: 'redirect_uri',
    evidence: { ...evidence, details: { ...evidence?.details, sentRedirectUri: ctx.redirectUri, panelRedirectUri: ctx.panelRedirectUri } }
  })
}

/** PKCE required: the panel never sends it, so the provider will refuse every panel login. */
export function pkceRequired(providerWords: string, ctx: DiagnosisContext, evidence?: Evidence): AppError {
  return new AppError(
    'login.pkce-required',
    ctx.extraChecks
      ? `The provider refused the PKCE parameters: ${providerWords}`
      : `The provider requires PKCE (${providerWords}). The panel never sends PKCE, so the panel cannot log in with this provider as configured.`,
    {
      hint: 'In the provider’s settings for this client, turn off “Require PKCE” (a confidential client with a secret does not need it), or make it a confidential client if it is public.',
      evidence
    }
  )
}

export function invalidScope(providerWords: string, ctx: DiagnosisContext, evidence?: Evidence): AppError {
  const supported = ctx.scopesSupported?.length
    ? ` Scopes this provider publishes (scopes_supported): ${ctx.scopesSupported.join(' ')}.`
    : ''
  const unknown = ctx.scopesSupported?.length ? ctx.scopes.filter((s) => !ctx.scopesSupported!.includes(s)) : []
  return new AppError(
    'login.invalid-scope',
    `The provider refused the requested scopes (${ctx.scopes.join(' ') || 'none'}): ${providerWords}`,
    {
      hint: `Keep only scopes the provider supports and allows for this client${unknown.length ? `; not published by it: ${unknown.join(', ')}` : ''}.${supported} Usually openid, profile and email are enough.`,
      field: 'scopes',
      evidence: {
        ...evidence,
        details: { ...evidence?.details, requested: ctx.scopes, ...(ctx.scopesSupported ? { scopes_supported: ctx.scopesSupported } : {}) }
      }
    }
  )
}

/** An `error=` answer at the redirect URI (RFC 6749 §4.1.2.1), in the provider's words. */
export function authorizationError(p: Pick<CallbackParams, 'error' | 'errorDescription' | 'errorUri'>, ctx: DiagnosisContext): AppError {
  const error = p.error ?? 'unknown'
  const words = said(error, p.errorDescription)
  const evidence: Evidence = {
    details: {
      error,
      ...(p.errorDescription ? { error_description: p.errorDescription } : {}),
      ...(p.errorUri ? { error_uri: p.errorUri } : {})
    }
  }
  const desc = p.errorDescription ?? ''
  if (error === 'access_denied') {
    return new AppError(
      'login.access-denied',
      `The provider answered access_denied: ${p.errorDescription ? `“${p.errorDescription}”` : 'the login was declined'}.`,
      {
        hint: 'Start the test login again and allow access on the provider’s consent page. If you did, check that your account at the provider is active and allowed to use this application (some providers limit an application to certain users or groups).',
        evidence
      }
    )
  }
  if (error === 'invalid_scope') return invalidScope(words, ctx, evidence)
  if (mentions.pkce.test(desc) && (error === 'invalid_request' || error === 'invalid_grant')) return pkceRequired(words, ctx, evidence)
  if (mentions.redirect.test(desc)) return redirectMismatch(words, ctx, evidence)
  if (error === 'unauthorized_client') {
    return new AppError('login.unauthorized-client', `The provider does not let this client use the authorization code flow: ${words}`, {
      hint: 'At the provider, allow the “authorization code” grant (and response type “code”) for this client: it is the only flow the panel uses.',
      evidence
    })
  }
  if (error === 'unsupported_response_type') {
    return new AppError('login.unsupported-response-type', `The provider refused response_type=code: ${words}`, {
      hint: 'Enable the authorization code flow for this client; the panel uses nothing else.',
      evidence
    })
  }
  if (error === 'invalid_client') {
    return new AppError('login.unknown-client', `The provider does not know this client: ${words}`, {
      hint: 'Check the Client ID (copy it again from the provider).',
      field: 'client_id',
      evidence
    })
  }
  if (error === 'server_error' || error === 'temporarily_unavailable') {
    return new AppError('login.provider-error', `The provider reported a problem on its side: ${words}`, {
      hint: 'Try again in a moment; if it repeats, look at the provider’s logs.',
      evidence
    })
  }
  return new AppError('login.authorization-error', `The provider refused the login: ${words}`, {
    hint: 'Read the provider’s message above; it names the setting to change.',
    evidence
  })
}

/** Visible text of an HTML error page, cut around the words that matter. */
export function pageWords(html: string, focus?: RegExp): string {
  const text = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, '’')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
  const m = focus ? focus.exec(text) : null
  if (m) {
    const start = Math.max(0, m.index - 120)
    return `“${start > 0 ? '…' : ''}${text.slice(start, m.index + 200).trim()}${m.index + 200 < text.length ? '…' : ''}”`
  }
  return `“${excerpt(text, 300)}”`
}

/**
 * Reads the provider's answer to the authorization request fetched without a browser
 * (no cookies): an error page or an error redirect there means the browser would show
 * the same, so it is reported before the admin even logs in.
 */
export function diagnosePreflight(res: HttpResponse, ctx: DiagnosisContext): AppError | null {
  const loc = res.headers.get('location')
  if (res.status >= 300 && res.status < 400 && loc) {
    const to = new URL(loc, res.url)
    const back = new URL(ctx.redirectUri)
    if (to.origin === back.origin && to.pathname === back.pathname) {
      const error = to.searchParams.get('error')
      if (error)
        return authorizationError(
          { error, errorDescription: to.searchParams.get('error_description'), errorUri: to.searchParams.get('error_uri') },
          ctx
        )
    }
    return null
  }
  const evidence = { ...evidenceOf(res), bodyExcerpt: undefined }
  if (res.status === 404) {
    return new AppError('login.auth-url-not-found', `The Auth URL answered 404 Not Found.`, {
      hint: 'Copy authorization_endpoint from the provider’s discovery document into the Auth URL.',
      field: 'auth_url',
      evidence: evidenceOf(res)
    })
  }
  if (res.status !== 400 && res.status < 500) return null
  // An error page: oidc-provider, Keycloak, Authentik, Azure… all name the parameter.
  let words: string
  try {
    const j = JSON.parse(res.bodyText) as Record<string, unknown>
    words =
      typeof j.error === 'string'
        ? said(j.error, typeof j.error_description === 'string' ? j.error_description : null)
        : pageWords(res.bodyText)
  } catch {
    words = pageWords(res.bodyText, new RegExp(`${mentions.redirect.source}|${mentions.pkce.source}|client|scope`, 'i'))
  }
  const withBody = { ...evidence, bodyExcerpt: excerpt(redact(res.bodyText)) }
  if (mentions.redirect.test(words)) return redirectMismatch(words, ctx, withBody)
  if (mentions.pkce.test(words)) return pkceRequired(words, ctx, withBody)
  if (/client/i.test(words) && /not found|unknown|invalid|does not exist|doesn’t exist|not exist/i.test(words)) {
    return new AppError('login.unknown-client', `The provider does not know this client: ${words}`, {
      hint: 'Check the Client ID (copy it again from the provider).',
      field: 'client_id',
      evidence: withBody
    })
  }
  if (mentions.scope.test(words)) return invalidScope(words, ctx, withBody)
  return new AppError('login.authorization-refused', `The provider refused the authorization request (${res.status}): ${words}`, {
    hint: 'Read the provider’s message; it usually names the parameter it does not accept.',
    evidence: withBody
  })
}

const methodName = (m: TokenEndpointAuth): string =>
  m === 'client_secret_basic' ? 'client_secret_basic (Basic Auth on)' : 'client_secret_post (Basic Auth off)'

/** A refusal from the token endpoint (RFC 6749 §5.2), after the other client-auth method was tried when it made sense. */
export function tokenError(
  first: { auth: TokenEndpointAuth; status: number; error: TokenErrorBody | null; http: HttpResponse; evidence: Evidence },
  retry: { auth: TokenEndpointAuth; status: number; error: TokenErrorBody | null } | null,
  ctx: DiagnosisContext
): AppError {
  const e = first.error
  const words = e ? said(e.error, e.error_description) : `${first.status} ${first.http.statusText}`
  const evidence = first.evidence
  if (first.status >= 200 && first.status < 300) {
    // oauth2 takes only 200 as success and reads any other answer as an error response.
    return new AppError(
      'login.token-status-not-ok',
      `The token endpoint answered ${first.status} ${first.http.statusText}, not 200: the panel’s OAuth library accepts a token only with status 200 exactly and reads any other answer as an error${first.http.bodyText === '' ? ' (“server returned empty error response”)' : ''}, so ${PANEL_FAILS_500}.`,
      {
        hint: 'A standard OAuth client may accept this answer; the panel does not. Check the Token URL (token_endpoint in the discovery document) and any proxy in front of the provider.',
        field: 'token_url',
        evidence
      }
    )
  }
  if (first.status >= 300 && first.status < 400) {
    const to = first.http.headers.get('location')
    return new AppError(
      'login.token-redirect',
      `The Token URL answered ${first.status}, a redirect${to ? ` to ${new URL(to, first.http.url).toString()}` : ''}.`,
      {
        hint: 'Use the provider’s token_endpoint from its discovery document as the Token URL, exactly.',
        field: 'token_url',
        evidence
      }
    )
  }
  if (isInvalidClient(first.status, e)) {
    const tried = [first.auth, ...(retry ? [retry.auth] : [])]
    const retryWords = retry ? (retry.error ? said(retry.error.error, retry.error.error_description) : String(retry.status)) : null
    const inconclusive = retry && !isInvalidClient(retry.status, retry.error)
    return new AppError(
      'login.invalid-client',
      inconclusive
        ? `The provider refused the client credentials sent with ${methodName(first.auth)} (${words}); trying ${methodName(retry.auth)} with the same code was not conclusive (${retryWords}).`
        : `The provider refused the client credentials (${words})${retry ? ` with both client_secret_basic and client_secret_post` : ''}.`,
      {
        hint: inconclusive
          ? `Check the Client ID and Client Secret; then try the test login again with Basic Auth ${first.auth === 'client_secret_basic' ? 'off' : 'on'}.`
          : 'Check the Client ID and Client Secret: copy both again from the provider (the secret exactly, with no space before or after), and check the client is confidential (has a secret).',
        field: 'client_secret',
        evidence: { ...evidence, details: { ...evidence.details, tried } }
      }
    )
  }
  const desc = e?.error_description ?? ''
  if (e?.error === 'invalid_grant' && mentions.redirect.test(desc)) return redirectMismatch(words, ctx, evidence)
  if (e && mentions.pkce.test(desc)) return pkceRequired(words, ctx, evidence)
  if (e?.error === 'invalid_grant') {
    return new AppError('login.invalid-grant', `The provider refused the authorization code: ${words}`, {
      hint: 'The code may have expired (finish the login faster) or been used already. Try again; if it repeats, compare the clocks of this computer and the provider.',
      evidence
    })
  }
  if (e?.error === 'invalid_scope') return invalidScope(words, ctx, evidence)
  if (e?.error === 'unauthorized_client' || e?.error === 'unsupported_grant_type') {
    return new AppError('login.unauthorized-client', `The provider does not let this client use the authorization code grant: ${words}`, {
      hint: 'At the provider, allow the “authorization code” grant for this client.',
      evidence
    })
  }
  return new AppError('login.token-error', `The token endpoint refused the request: ${words}; ${PANEL_FAILS_500}.`, {
    hint: 'Check the Token URL against token_endpoint in the provider’s discovery document, and read the provider’s message.',
    field: 'token_url',
    evidence
  })
}

/** RFC 6749 §5.2: invalid_client, usually with 401; a bare 401 means the same. */
export function isInvalidClient(status: number, e: TokenErrorBody | null): boolean {
  return e?.error === 'invalid_client' || (e === null && status === 401)
}
