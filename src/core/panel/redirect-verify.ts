import type { ProviderConfig } from '../../shared/provider'
import { PANEL_LOGIN_RATE_LIMIT } from '../../shared/panel-urls'
import { excerpt, type HttpResponse } from '../net/http'
import { parseErrorMessages, redactSecrets } from './panel-errors'
import { redirectUrlFor } from './panel-url'

export interface VerifyCheck {
  /** Short name: `status`, `endpoint`, `response_type`, `client_id`, `redirect_uri`, `scope`, `state`, … */
  name: string
  ok: boolean
  expected: string | null
  got: string | null
  /** For the admin when `ok` is false. */
  message?: string
}

export interface VerifyResult {
  ok: boolean
  status: number
  redirect_url: string
  /** The Location the panel sent, its random `state` removed (it is the panel's CSRF value). */
  authorization_url: string | null
  checks: VerifyCheck[]
  problems: string[]
}

function withoutQuery(u: URL): string {
  return `${u.origin}${u.pathname}`
}

/**
 * Checks the panel's answer to its login route against the draft: the configured auth
 * URL (its own query kept), `response_type=code`, `client_id`, `redirect_uri` built
 * from app.url, `scope` = scopes joined by spaces, a `state`
 * (docs/panel-behaviour.md#login-redirect).
 */
export function checkLoginRedirect(res: HttpResponse, uuid: string, config: ProviderConfig, appUrl: string): VerifyResult {
  const redirect_url = redirectUrlFor(appUrl, uuid)
  const checks: VerifyCheck[] = []
  const fail = (problem: string): VerifyResult => ({
    ok: false,
    status: res.status,
    redirect_url,
    authorization_url: null,
    checks: [{ name: 'status', ok: false, expected: '307', got: String(res.status), message: problem }],
    problems: [problem]
  })
  if (res.status !== 307) {
    const said = parseErrorMessages(res.bodyText)?.join('; ') ?? excerpt(redactSecrets(res.bodyText), 200)
    if (res.status === 404 && !config.enabled) {
      return fail('The provider is disabled: the panel answers 404 to its login URL, so nobody can log in with it until it is enabled.')
    }
    if (res.status === 404)
      return fail(`The panel answered 404 (${said}) to the provider’s login URL: the provider does not exist or is disabled.`)
    if (res.status === 429) {
      const retry = Number(res.headers.get('retry-after'))
      const when = Number.isFinite(retry) && retry > 0 ? `in ${retry} s` : 'later'
      return fail(
        `The panel rate-limited its login URL for this provider (${said}): it allows ${PANEL_LOGIN_RATE_LIMIT.allowed} login redirects per provider and IP address in ${PANEL_LOGIN_RATE_LIMIT.windowSeconds / 60} minutes. Verify again ${when}; nothing was retried.`
      )
    }
    if (res.status >= 500) {
      return fail(
        `The panel failed to build the login redirect (HTTP ${res.status}: ${said}). The auth URL or the panel’s app.url is probably not a valid URL.`
      )
    }
    return fail(`The panel answered HTTP ${res.status} (${said}) instead of the expected 307 redirect.`)
  }
  checks.push({ name: 'status', ok: true, expected: '307', got: '307' })
  const location = res.headers.get('location')
  if (!location) return fail('The panel answered 307 without a Location header.')
  let loc: URL
  try {
    loc = new URL(location, res.url)
  } catch {
    return fail(`The panel redirected to “${location}”, which is not a valid URL.`)
  }

  // Endpoint and the auth URL's own query (the panel appends to it, it does not replace it).
  let configured: URL | null
  try {
    configured = new URL(config.auth_url)
  } catch {
    configured = null
  }
  checks.push({
    name: 'endpoint',
    ok: configured !== null && withoutQuery(configured) === withoutQuery(loc),
    expected: configured ? withoutQuery(configured) : config.auth_url,
    got: withoutQuery(loc),
    message: 'The panel redirects to another authorization endpoint than the draft’s Auth URL: the panel’s provider differs from the draft.'
  })
  const params = loc.searchParams
  if (configured) {
    for (const [k, v] of configured.searchParams) {
      const got = params.getAll(k)
      checks.push({
        name: `auth_url ${k}`,
        ok: got.includes(v),
        expected: v,
        got: got.length ? got.join(', ') : null,
        message: `The Auth URL’s own parameter ${k} is missing from the panel’s redirect.`
      })
    }
  }
  const param = (name: string, expected: string | null, message: string): void => {
    const got = params.get(name)
    checks.push({ name, ok: got === expected, expected, got, message })
  }
  param('response_type', 'code', 'The panel should ask for the authorization code flow (response_type=code).')
  param('client_id', config.client_id, 'The panel sends another client_id than the draft’s Client ID.')
  param('redirect_uri', redirect_url, 'The panel sends another redirect_uri than expected from its app.url.')
  // No scope parameter at all when the list is empty (oauth2 crate), else joined by spaces.
  param('scope', config.scopes.length ? config.scopes.join(' ') : null, 'The panel requests other scopes than the draft’s.')
  const state = params.get('state')
  checks.push({
    name: 'state',
    ok: !!state,
    expected: '(random)',
    got: state ? '(present)' : null,
    message: 'The panel sent no state: its CSRF protection is missing.'
  })

  for (const c of checks) if (c.ok) delete c.message
  const problems = checks.filter((c) => !c.ok).map((c) => `${c.message} Expected ${c.expected ?? '(none)'}, got ${c.got ?? '(none)'}.`)
  const shown = new URL(loc)
  shown.searchParams.delete('state')
  return { ok: problems.length === 0, status: res.status, redirect_url, authorization_url: shown.toString(), checks, problems }
}
