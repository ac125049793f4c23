import type { ProviderConfig } from '../../shared/provider'

/**
 * Standard claims per scope, OpenID Connect Core 1.0 §5.4. The panel asks for exactly
 * the scopes configured (docs/panel-behaviour.md#login-redirect), so a path to `email` without the `email`
 * scope finds nothing at most providers and the login fails.
 */
export const SCOPE_CLAIMS: Record<string, readonly string[]> = {
  profile: [
    'name',
    'family_name',
    'given_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'updated_at'
  ],
  email: ['email', 'email_verified'],
  address: ['address'],
  phone: ['phone_number', 'phone_number_verified']
}

/** Why a scope is worth asking for, in one line; unknown scopes get none. */
export const SCOPE_REASONS: Record<string, string> = {
  openid: 'Makes the login an OpenID Connect login; most providers answer the userinfo endpoint only with it.',
  profile: 'Names and the username: name, given_name, family_name, preferred_username.',
  email: 'The e-mail address (email, email_verified).',
  groups: 'Group memberships; the panel does not use them.',
  offline_access: 'Refresh tokens; the panel never refreshes, so this is not needed.',
  'read:user': 'GitHub: read the user’s profile (id, login, name, public e-mail).',
  'user:email': 'GitHub: read the user’s e-mail addresses (the panel reads only /user, so this rarely helps).',
  identify: 'Discord: the user’s id and username.',
  address: 'The postal address; the panel does not use it.',
  phone: 'The phone number; the panel does not use it.'
}

export const DEFAULT_SCOPES = ['openid', 'profile', 'email'] as const

export interface ScopeSuggestion {
  scope: string
  /** Path fields that need it. */
  fields: string[]
  claim: string
}

/** The top-level claim a simple path reads: `$.email`, `$['email']` → `email`; else null. */
export function topLevelClaim(path: string | null): string | null {
  if (!path) return null
  const m = /^\$(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([^'"]+)['"]\s*\])/.exec(path.trim())
  return m ? (m[1] ?? m[2] ?? null) : null
}

/**
 * Scopes the chosen claim paths need but the draft doesn't request (OIDC Core §5.4),
 * skipping scopes the provider says it doesn't support.
 */
export function suggestScopes(config: ProviderConfig, scopesSupported: string[] | null): ScopeSuggestion[] {
  const out = new Map<string, ScopeSuggestion>()
  for (const field of ['identifier_path', 'email_path', 'username_path', 'name_first_path', 'name_last_path'] as const) {
    const claim = topLevelClaim(config[field])
    if (!claim) continue
    for (const [scope, claims] of Object.entries(SCOPE_CLAIMS)) {
      if (!claims.includes(claim) || config.scopes.includes(scope)) continue
      if (scopesSupported && !scopesSupported.includes(scope)) continue
      const s = out.get(scope) ?? { scope, fields: [], claim }
      s.fields.push(field)
      out.set(scope, s)
    }
  }
  return [...out.values()]
}

/** Selected scopes the provider doesn't list (only when it publishes a list). */
export function unsupportedScopes(scopes: string[], scopesSupported: string[] | null): string[] {
  if (!scopesSupported) return []
  return scopes.filter((s) => !scopesSupported.includes(s))
}
