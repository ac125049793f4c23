import type { DiscoveryResult, Finding } from '../../shared/schemas/discovery'
import { isLoopbackHost } from '../net/http'
import type { FetchedDocument } from './fetch-document'
import { sameIssuer } from './well-known'

import { TROUBLE_CLIENT, TROUBLE_PATHS, TROUBLE_SCOPE, TROUBLE_URLS } from './troubleshooting'

function stringList(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null
}

/**
 * Checks a fetched discovery document against the specs (OIDC Discovery 1.0 §3/§4.3,
 * RFC 8414 §2/§3.3) and against what the panel can do (docs/panel-behaviour.md#login-redirect), and turns it
 * into the wizard's DiscoveryResult. Problems are findings, not exceptions: the admin
 * still sees (and may correct) what the provider published.
 */
export function checkDiscoveryDocument({ candidate, response, doc }: FetchedDocument): DiscoveryResult {
  const findings: Finding[] = []
  const add = (severity: Finding['severity'], code: string, message: string, hint?: string): void => {
    findings.push({ severity, code, message, ...(hint ? { hint } : {}) })
  }

  const issuer = str(doc.issuer)
  if (!issuer) {
    add(
      'error',
      'issuer-missing',
      'The document has no “issuer”.',
      'Every discovery document must name its issuer; the address may not be an OpenID Connect provider.'
    )
  } else if (!sameIssuer(issuer, candidate.expectedIssuer)) {
    if (TENANT_PLACEHOLDER.test(issuer) && templateMatches(issuer, candidate.expectedIssuer)) {
      add(
        'warning',
        'issuer-template',
        `The issuer is a template (${issuer}): this is a multi-tenant document.`,
        'Use your tenant’s own address (with its tenant id) so tokens can be checked.'
      )
    } else {
      add(
        'error',
        'issuer-mismatch',
        `The document says its issuer is ${issuer}, but it was fetched for ${candidate.expectedIssuer}.`,
        'The provider’s public URL setting (e.g. Keycloak’s frontend URL, a proxy’s Host header) does not match the address you typed. Type the issuer shown here, or fix the provider’s public URL.'
      )
    }
  }

  /**
   * `usedByPanel` false (jwks_uri): only our own test login reads it, so its problems are
   * never errors and its host is nobody's business.
   */
  const endpoint = (key: string, label: string, required: boolean, usedByPanel = true): string | null => {
    const raw = doc[key]
    if (raw === undefined || raw === null || raw === '') {
      if (required) add('error', `${key}-missing`, `The document has no “${key}” (the ${label}).`, TROUBLE_URLS)
      return null
    }
    if (typeof raw !== 'string') {
      add('error', `${key}-invalid`, `“${key}” must be a URL string, not ${JSON.stringify(raw)}.`, TROUBLE_URLS)
      return null
    }
    let u: URL
    try {
      u = new URL(raw)
    } catch {
      add('error', `${key}-invalid`, `“${key}” is not an absolute URL: ${raw}.`, TROUBLE_URLS)
      return raw
    }
    if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
      add(
        usedByPanel ? 'error' : 'warning',
        `${key}-insecure`,
        `The ${label} uses plain http:// on ${u.host}: codes and tokens would cross the network unencrypted.`,
        'Serve the provider over https (or correct its public URL setting if a proxy terminates TLS).'
      )
    } else if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      add('error', `${key}-invalid`, `The ${label} is not an http(s) URL: ${raw}.`, TROUBLE_URLS)
    }
    if (issuer && usedByPanel) {
      try {
        const ih = new URL(issuer).host
        if (u.host !== ih)
          add(
            'warning',
            `${key}-other-host`,
            `The ${label} is on ${u.host}, not on the issuer’s host ${ih}.`,
            'Normal for some providers (Google, Microsoft); otherwise a proxy or public-URL setting may be wrong.'
          )
      } catch {
        /* the issuer problem is reported above */
      }
    }
    return raw
  }

  const auth_url = endpoint('authorization_endpoint', 'authorization endpoint (Auth URL)', true)
  const token_url = endpoint('token_endpoint', 'token endpoint (Token URL)', true)
  const info_url = endpoint('userinfo_endpoint', 'userinfo endpoint (Info URL)', false)
  const jwks_uri = endpoint('jwks_uri', 'JWKS endpoint', false, false)
  // Absent, not malformed: a malformed one is already reported as userinfo_endpoint-invalid.
  if (!info_url && !findings.some((f) => f.code === 'userinfo_endpoint-invalid')) {
    add(
      'error',
      'userinfo-missing',
      'The provider publishes no userinfo_endpoint, and the panel reads every user attribute from it.',
      `Find the user-info API in the provider’s documentation and type it as Info URL. ${TROUBLE_URLS}`
    )
  }
  if (!jwks_uri && candidate.kind === 'oidc') {
    add('info', 'jwks-missing', 'No jwks_uri: ID tokens from the test login cannot be verified.')
  }

  const response_types_supported = stringList(doc.response_types_supported)
  if (response_types_supported && !response_types_supported.some((t) => t.split(' ').length === 1 && t === 'code')) {
    add(
      'error',
      'code-flow-unsupported',
      `The provider does not offer the authorization code flow (response_types_supported: ${response_types_supported.join(', ')}); the panel uses only that flow.`,
      TROUBLE_URLS
    )
  }
  const grants = stringList(doc.grant_types_supported)
  if (grants && !grants.includes('authorization_code')) {
    add(
      'error',
      'grant-unsupported',
      `grant_types_supported (${grants.join(', ')}) does not include authorization_code, which the panel uses.`
    )
  }

  const scopes_supported = stringList(doc.scopes_supported)
  if (scopes_supported && !scopes_supported.includes('openid') && candidate.kind === 'oidc') {
    add(
      'warning',
      'openid-scope-missing',
      `scopes_supported (${scopes_supported.join(', ') || 'empty'}) does not list “openid”.`,
      TROUBLE_SCOPE
    )
  }
  if (!scopes_supported)
    add('info', 'scopes-unpublished', 'The provider does not publish scopes_supported; choose scopes from its documentation.')

  const claims_supported = stringList(doc.claims_supported)
  if (!claims_supported) {
    add(
      'warning',
      'claims-unpublished',
      'The provider does not publish claims_supported: the JSONPath fields must come from a test login’s real userinfo response.',
      TROUBLE_PATHS
    )
  }

  const methods = stringList(doc.token_endpoint_auth_methods_supported)
  const code_challenge_methods_supported = stringList(doc.code_challenge_methods_supported)
  const { basic_auth, reason } = recommendBasicAuth(methods)
  if (methods && !methods.includes('client_secret_basic') && !methods.includes('client_secret_post')) {
    const offered = methods.length ? `accepts only ${methods.join(', ')}` : 'lists no client authentication method'
    add(
      'error',
      'client-auth-unsupported',
      `The token endpoint ${offered}; the panel can authenticate only with client_secret_basic or client_secret_post.`,
      `Configure the client at the provider as a confidential client with a client secret. ${TROUBLE_CLIENT}`
    )
  }

  return {
    document_url: response.url,
    kind: candidate.kind,
    issuer: issuer ?? candidate.expectedIssuer,
    auth_url,
    token_url,
    info_url,
    jwks_uri,
    claims_supported,
    scopes_supported,
    response_types_supported,
    token_endpoint_auth_methods_supported: methods,
    code_challenge_methods_supported,
    basic_auth,
    basic_auth_reason: reason,
    findings,
    warnings: findings.map((f) => `${f.severity}: ${f.message}${f.hint ? ` (${f.hint})` : ''}`)
  }
}

const TENANT_PLACEHOLDER = /\{tenant(?:id)?\}/i

/**
 * Multi-tenant documents (Microsoft Entra's common/organizations endpoints) publish an
 * issuer template such as https://login.microsoftonline.com/{tenantid}/v2.0. It fits the
 * address asked when the placeholder stands for one path segment of it; anything else is
 * an ordinary mismatch.
 */
function templateMatches(template: string, expected: string): boolean {
  const strip = (s: string): string => s.replace(/\/+$/, '')
  const parts = strip(template).split(TENANT_PLACEHOLDER)
  // The template is the remote document's: adjacent placeholders would become
  // `[^/]+[^/]+…`, a pattern whose backtracking grows exponentially. Real templates have one.
  if (parts.length > 3 || template.length > 2048 || expected.length > 2048) return false
  const pattern = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')
  return new RegExp(`^${pattern}$`).test(strip(expected))
}

/**
 * The panel's Basic Auth switch: on = client_secret_basic, off = client_secret_post.
 * RFC 6749 §2.3.1 makes Basic the one every server must support, and both discovery
 * specs default to it when the list is absent; when both are offered we keep the
 * panel's default (off), which the community presets use too.
 */
export function recommendBasicAuth(methods: string[] | null): { basic_auth: boolean; reason: string } {
  if (!methods) {
    return {
      basic_auth: true,
      reason: 'The provider does not list its client authentication methods; the specification’s default is client_secret_basic.'
    }
  }
  const basic = methods.includes('client_secret_basic')
  const post = methods.includes('client_secret_post')
  if (basic && post)
    return {
      basic_auth: false,
      reason:
        'The provider accepts both client_secret_post and client_secret_basic; the panel’s default (off, secret in the form body) works.'
    }
  if (basic)
    return { basic_auth: true, reason: 'The provider accepts only client_secret_basic: the secret must go in the Authorization header.' }
  if (post) return { basic_auth: false, reason: 'The provider accepts only client_secret_post: the secret must go in the form body.' }
  return {
    basic_auth: false,
    reason: `The provider accepts neither client_secret_basic nor client_secret_post (${methods.join(', ') || 'none listed'}).`
  }
}
