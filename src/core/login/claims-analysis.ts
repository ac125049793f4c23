import type { LoginFinding } from '../../shared/login'
import { FIELD_LABELS, PATH_FIELDS, type PathField } from '../../shared/provider'
import { panelEngine } from '../engine/registry'
import { SCOPE_CLAIMS } from '../scopes/scope-advice'

/** ID token claims about the token itself (OIDC Core §2), not about the user. */
const PROTOCOL_CLAIMS = new Set([
  'iss',
  'aud',
  'exp',
  'iat',
  'nbf',
  'jti',
  'nonce',
  'azp',
  'at_hash',
  'c_hash',
  's_hash',
  'auth_time',
  'acr',
  'amr',
  'sid'
])

/** The top-level member a simple path reads: `$.email` or `$['email']` → `email`. */
export function topLevelMember(path: string | null): string | null {
  if (!path) return null
  const m = /^\$(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\[\s*(['"])((?:(?!\2).)*)\2\s*\])/.exec(path.trim())
  return m ? (m[1] ?? m[3] ?? null) : null
}

export interface ClaimsAnalysisInput {
  userinfoText: string
  idTokenClaims: Record<string, unknown> | null
  scopes: string[]
  paths: Partial<Record<PathField, string | null>>
  grantedScope: string | null
}

/**
 * Compares what the userinfo response holds with the ID token and the configured paths:
 * the panel reads the userinfo response alone (docs/panel-behaviour.md#token-and-userinfo-requests), so a claim only in
 * the ID token is invisible to it, and a claim whose scope was not requested is missing.
 */
export function analyseClaims(input: ClaimsAnalysisInput): LoginFinding[] {
  const engine = panelEngine()
  // The panel's own reading of the body: if it cannot read it, the login fails earlier and says so.
  const parsed = engine.parseDocument(input.userinfoText)
  if (!parsed.ok) return []
  try {
    return analyseReadable(input, (path) => {
      const answer = engine.query(parsed.handle, path)
      // An invalid path is the provider rules' finding, not a missing claim.
      return !answer.valid || answer.count > 0
    })
  } finally {
    engine.freeDocument(parsed.handle)
  }
}

function analyseReadable(input: ClaimsAnalysisInput, pathMatches: (path: string) => boolean): LoginFinding[] {
  const findings: LoginFinding[] = []
  let info: Record<string, unknown> = {}
  try {
    const v = JSON.parse(input.userinfoText) as unknown
    if (v && typeof v === 'object' && !Array.isArray(v)) info = v as Record<string, unknown>
    else {
      findings.push({
        severity: 'warning',
        code: 'login.userinfo-not-object',
        message: 'The userinfo response is JSON but not an object; paths like $.sub will find nothing in it.'
      })
    }
  } catch {
    return findings
  }
  const inInfo = (name: string): boolean => Object.hasOwn(info, name)

  if (input.idTokenClaims) {
    const only = Object.keys(input.idTokenClaims).filter((k) => !PROTOCOL_CLAIMS.has(k) && !inInfo(k))
    if (only.length) {
      findings.push({
        severity: 'warning',
        code: 'login.claims-only-in-id-token',
        message: `Only in the ID token, not in the userinfo response: ${only.join(', ')}. The panel reads the userinfo response alone, so it cannot use ${only.length === 1 ? 'this claim' : 'these claims'}.`,
        hint: 'If you need one of them, configure the provider to release it at the userinfo endpoint too (often a “claims in userinfo” or mapper setting).'
      })
    }
  }

  const requested = new Set(input.scopes)
  for (const field of PATH_FIELDS) {
    const path = input.paths[field] ?? null
    if (!path || pathMatches(path)) continue
    const member = topLevelMember(path)
    // The claim is there but the path selects nothing inside it (or it is not a simple member path).
    if (!member || inInfo(member)) {
      findings.push({
        severity: field === 'identifier_path' ? 'error' : 'warning',
        code: 'login.claim-missing',
        message: `${FIELD_LABELS[field]} (${path}) matches nothing in the userinfo response.`,
        hint:
          field === 'identifier_path'
            ? 'The panel refuses every login without an identifier: pick a path that exists in the userinfo response.'
            : `The panel would fail the login (“unable to extract”). Pick a path that exists, or clear ${FIELD_LABELS[field]}.`
      })
      continue
    }
    const scope = Object.keys(SCOPE_CLAIMS).find((s) => SCOPE_CLAIMS[s]!.includes(member))
    const label = FIELD_LABELS[field]
    if (scope && !requested.has(scope)) {
      findings.push({
        severity: field === 'identifier_path' ? 'error' : 'warning',
        code: 'login.claim-missing-scope',
        message: `${label} reads “${member}”, which is not in the userinfo response: the scope “${scope}” that releases it (OIDC Core §5.4) is not among the requested scopes.`,
        hint: `Add “${scope}” to the scopes, or change ${label}.`
      })
    } else if (scope && input.grantedScope !== null && !input.grantedScope.split(' ').includes(scope)) {
      findings.push({
        severity: field === 'identifier_path' ? 'error' : 'warning',
        code: 'login.claim-missing-scope-not-granted',
        message: `${label} reads “${member}”, which is not in the userinfo response: the provider did not grant the scope “${scope}” (granted: ${input.grantedScope || 'none'}).`,
        hint: `Allow the “${scope}” scope for this client at the provider.`
      })
    } else {
      findings.push({
        severity: field === 'identifier_path' ? 'error' : 'warning',
        code: 'login.claim-missing',
        message: `${label} reads “${member}”, which is not in the userinfo response${input.idTokenClaims && Object.hasOwn(input.idTokenClaims, member) ? ' (it is only in the ID token, which the panel does not read)' : ''}.`,
        hint:
          field === 'identifier_path'
            ? 'The panel refuses every login without an identifier: pick a path that exists in the userinfo response.'
            : `The panel would fail the login (“unable to extract”). Pick a path that exists, or clear ${label}.`
      })
    }
  }
  return findings
}
