import { AppError } from '../../shared/errors'

export const OIDC_SUFFIX = '/.well-known/openid-configuration'
export const OAUTH_SUFFIX = '/.well-known/oauth-authorization-server'

export interface DiscoveryCandidate {
  kind: 'oidc' | 'oauth'
  url: string
  /** The issuer this document must declare (OIDC Discovery §4.3, RFC 8414 §3.3). */
  expectedIssuer: string
}

/**
 * What the admin typed → the documents to try, in order.
 * - bare host `id.example.com` → https://id.example.com
 * - issuer `https://kc.example.com/realms/main` → issuer + /.well-known/openid-configuration
 *   (OIDC Discovery §4), then the RFC 8414 §3.1 form with the well-known segment
 *   inserted between host and path.
 * - a full well-known URL (OIDC, RFC 8414 inserted form, or the appended form some
 *   servers use) is used as is.
 */
export function discoveryCandidates(input: string): DiscoveryCandidate[] {
  const raw = input.trim()
  if (raw === '') throw new AppError('discovery.input', 'Enter the provider’s address, for example id.example.com.', { field: 'url' })
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new AppError('discovery.input', `“${raw}” is not a web address.`, {
      hint: 'Type the provider’s host (id.example.com), its issuer URL, or its /.well-known/openid-configuration URL.',
      field: 'url'
    })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('discovery.input', `Only http(s) addresses can be discovered, not ${url.protocol}//.`, { field: 'url' })
  }
  if (url.username || url.password) {
    throw new AppError('discovery.input', 'The address must not contain a user name or password.', { field: 'url' })
  }
  url.hash = ''
  const path = url.pathname.replace(/\/+$/, '')

  const oidcAt = path.indexOf(OIDC_SUFFIX)
  if (oidcAt !== -1 && path.endsWith(OIDC_SUFFIX)) {
    const issuerPath = path.slice(0, oidcAt)
    return [{ kind: 'oidc', url: url.toString(), expectedIssuer: `${url.origin}${issuerPath}` }]
  }
  if (path.startsWith(OAUTH_SUFFIX)) {
    return [{ kind: 'oauth', url: url.toString(), expectedIssuer: `${url.origin}${path.slice(OAUTH_SUFFIX.length)}` }]
  }
  // The suffix-appended form (issuer + /.well-known/oauth-authorization-server) is not
  // RFC 8414 §3.1's, but servers publish it (Keycloak serves it per realm): a pasted URL
  // of that shape is still the document itself, not an issuer.
  if (path.endsWith(OAUTH_SUFFIX)) {
    return [{ kind: 'oauth', url: url.toString(), expectedIssuer: `${url.origin}${path.slice(0, -OAUTH_SUFFIX.length)}` }]
  }
  url.search = ''
  const issuer = `${url.origin}${path}`
  return [
    { kind: 'oidc', url: `${issuer}${OIDC_SUFFIX}`, expectedIssuer: issuer },
    { kind: 'oauth', url: `${url.origin}${OAUTH_SUFFIX}${path}`, expectedIssuer: issuer }
  ]
}

/** Issuers compared as the spec says (exact), forgiving only a trailing slash. */
export function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '')
}
