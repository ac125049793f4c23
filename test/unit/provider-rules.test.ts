import { describe, expect, it } from 'vitest'
import { checkProviderRules, pathProblems } from '../../src/core/provider/rules'
import { emptyProviderConfig, type ProviderConfig } from '../../src/shared/provider'

function valid(): ProviderConfig {
  return {
    ...emptyProviderConfig(),
    name: 'Pocket-ID',
    client_id: 'calagopus',
    auth_url: 'https://id.example.com/authorize',
    token_url: 'https://id.example.com/api/oidc/token',
    info_url: 'https://id.example.com/api/oidc/userinfo'
  }
}

const errorsOf = (c: ProviderConfig, secret: string | null = 'secret-value') =>
  checkProviderRules(c, { mode: 'create', clientSecret: secret }).filter((p) => p.severity === 'error')

describe('panel save rules (docs/panel-behaviour.md#provider-record)', () => {
  it('accepts a complete record', () => {
    expect(errorsOf(valid())).toEqual([])
  })

  it('requires a name of 1–255 characters, counted as Unicode scalars', () => {
    expect(errorsOf({ ...valid(), name: '' }).map((p) => p.field)).toEqual(['name'])
    expect(errorsOf({ ...valid(), name: '😀'.repeat(255) })).toEqual([])
    expect(errorsOf({ ...valid(), name: '😀'.repeat(256) })[0]?.message).toContain('at most 255')
  })

  it('checks description only when present (1–1024)', () => {
    expect(errorsOf({ ...valid(), description: null })).toEqual([])
    expect(errorsOf({ ...valid(), description: '' }).map((p) => p.field)).toEqual(['description'])
    expect(errorsOf({ ...valid(), description: 'x'.repeat(1025) }).map((p) => p.field)).toEqual(['description'])
  })

  it('requires client id and secret of 3–255 on create, not in presets', () => {
    expect(errorsOf({ ...valid(), client_id: 'ab' }).map((p) => p.field)).toEqual(['client_id'])
    expect(errorsOf(valid(), 'ab').map((p) => p.field)).toEqual(['client_secret'])
    expect(errorsOf(valid(), null).map((p) => p.field)).toEqual(['client_secret'])
    const preset = checkProviderRules({ ...valid(), client_id: '' }, { mode: 'preset' })
    expect(preset.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('checks the three URLs for length, and warns on non-http text the panel would still store', () => {
    expect(errorsOf({ ...valid(), token_url: 'ab' }).map((p) => p.field)).toEqual(['token_url'])
    const w = checkProviderRules({ ...valid(), info_url: 'id.example.com/userinfo' }, { mode: 'preset' })
    expect(w).toEqual([expect.objectContaining({ field: 'info_url', severity: 'warning' })])
  })

  it('refuses a scope over 64 characters (the panel saves it into varchar(64) and answers 500)', () => {
    const at64 = 'https://graph.example.com/' + 'a'.repeat(64 - 26)
    expect(at64).toHaveLength(64)
    expect(checkProviderRules({ ...valid(), scopes: ['openid', at64] }, { mode: 'preset' })).toEqual([])
    const p = checkProviderRules({ ...valid(), scopes: ['openid', `${at64}b`] }, { mode: 'create', clientSecret: 'secret' })
    expect(p).toEqual([{ field: 'scopes', severity: 'error', message: expect.stringContaining('entry 2 (') as unknown as string }])
    expect(p[0]!.message).toContain('has 65 characters')
    expect(p[0]!.message).toContain('500')
    // Characters, not UTF-16 units or bytes: 64 emoji are 64 characters.
    expect(checkProviderRules({ ...valid(), scopes: ['😀'.repeat(64)] }, { mode: 'preset' })).toEqual([])
    expect(errorsOf({ ...valid(), scopes: ['😀'.repeat(65)] })).toHaveLength(1)
  })

  it('limits scopes to 255 entries and warns on entries with spaces', () => {
    expect(errorsOf({ ...valid(), scopes: Array.from({ length: 256 }, (_, i) => `s${i}`) }).map((p) => p.field)).toEqual(['scopes'])
    const w = checkProviderRules({ ...valid(), scopes: ['openid email'] }, { mode: 'preset' })
    expect(w[0]).toMatchObject({ field: 'scopes', severity: 'warning' })
  })

  it('requires an identifier path of at least 3 characters that parses', () => {
    expect(pathProblems('identifier_path', null)[0]?.message).toBe('is required')
    expect(pathProblems('identifier_path', '$a')[0]?.message).toContain('at least 3')
    expect(pathProblems('identifier_path', '$.sub')).toEqual([])
  })

  it('rejects JSONPath the panel cannot parse, with the position', () => {
    const [p] = pathProblems('email_path', 'email')
    expect(p?.severity).toBe('error')
    expect(p?.message).toMatch(/invalid JSONPath at position 0/)
    expect(pathProblems('username_path', '$.a[')[0]?.message).toMatch(/invalid JSONPath/)
  })

  it('accepts 1–2 character optional paths as the API does, but warns that the web form refuses them', () => {
    expect(pathProblems('email_path', '$')).toEqual([expect.objectContaining({ severity: 'warning' })])
    expect(pathProblems('email_path', '')).toEqual([expect.objectContaining({ severity: 'error' })])
    expect(pathProblems('email_path', null)).toEqual([])
  })
})
