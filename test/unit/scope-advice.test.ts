import { describe, expect, it } from 'vitest'
import { suggestScopes, topLevelClaim, unsupportedScopes } from '../../src/core/scopes/scope-advice'
import { emptyProviderConfig } from '../../src/shared/provider'

describe('scope advice (OIDC Core §5.4)', () => {
  it('reads the top-level claim of simple paths only', () => {
    expect(topLevelClaim('$.email')).toBe('email')
    expect(topLevelClaim("$['preferred_username']")).toBe('preferred_username')
    expect(topLevelClaim('$..email')).toBeNull()
    expect(topLevelClaim(null)).toBeNull()
  })

  it('suggests email for an e-mail path and profile for names and usernames', () => {
    const config = { ...emptyProviderConfig(), scopes: ['openid'] }
    const s = suggestScopes(config, null)
    expect(s.map((x) => x.scope).sort()).toEqual(['email', 'profile'])
    expect(s.find((x) => x.scope === 'profile')?.fields).toEqual(['username_path', 'name_first_path', 'name_last_path'])
  })

  it('suggests nothing already requested or not supported by the provider', () => {
    expect(suggestScopes(emptyProviderConfig(), null)).toEqual([])
    const config = { ...emptyProviderConfig(), scopes: ['openid'] }
    expect(suggestScopes(config, ['openid', 'email']).map((x) => x.scope)).toEqual(['email'])
  })

  it('flags scopes the provider does not publish, only when it publishes a list', () => {
    expect(unsupportedScopes(['openid', 'read:user'], ['openid', 'email'])).toEqual(['read:user'])
    expect(unsupportedScopes(['read:user'], null)).toEqual([])
  })
})
