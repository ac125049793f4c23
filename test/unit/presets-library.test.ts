import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importPreset } from '../../src/core/presets/import'
import { applyPlaceholders, defaultPresetsDir, loadLibrary, searchLibrary } from '../../src/core/presets/library'
import { prepareDocument, previewRegistration } from '../../src/core/registration/preview'
import { buildAuthorizationUrl } from '../../src/core/login/authorization-request'
import { AppError } from '../../src/shared/errors'
import type { PresetConfig } from '../../src/shared/schemas/presets'
import { communityPresetBytes } from '../support/userinfo-fixtures'

const DIR = join(__dirname, '..', '..', 'presets')
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yml'))
  .sort()

describe('preset library', () => {
  it('is found next to the app and holds the five community presets plus at least ten more', async () => {
    expect(defaultPresetsDir()).toBe(DIR)
    const lib = await loadLibrary(DIR)
    expect(lib.map((e) => e.file).sort()).toEqual(FILES)
    expect(
      lib
        .filter((e) => e.community)
        .map((e) => e.id)
        .sort()
    ).toEqual(['authentik', 'discord', 'github', 'google', 'pocket-id'])
    const others = lib.filter((e) => !e.community).map((e) => e.id)
    expect(others.length).toBeGreaterThanOrEqual(10)
    for (const p of [
      'keycloak',
      'authelia',
      'zitadel',
      'kanidm',
      'microsoft-entra-id',
      'gitlab',
      'okta',
      'auth0',
      'logto',
      'casdoor',
      'gitea',
      'forgejo',
      'nextcloud'
    ]) {
      expect(others).toContain(p)
    }
  })

  it.each(FILES)('%s imports with no problem at all (panel rules, preset mode)', (file) => {
    const r = importPreset(readFileSync(join(DIR, file), 'utf8'))
    expect(r.problems).toEqual([])
    expect(r.ok).toBe(true)
  })

  it('every entry is described in index.json, and every placeholder appears where it is filled in', async () => {
    const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as { presets: Array<{ file: string }> }
    expect(index.presets.map((e) => e.file).sort()).toEqual(FILES)
    for (const e of await loadLibrary(DIR)) {
      const texts = [e.preset.auth_url, e.preset.token_url, e.preset.info_url, e.discovery ?? '']
      for (const ph of e.placeholders) {
        expect(
          texts.some((t) => t.includes(ph.token)),
          `${e.id}: ${ph.token}`
        ).toBe(true)
        expect(new RegExp(ph.pattern).test(ph.example), `${e.id}: example ${ph.example}`).toBe(true)
      }
      // A URL with a brace or an example host left in must be a declared placeholder.
      for (const t of texts) {
        for (const m of t.match(/\{[a-z_]+\}/g) ?? [])
          expect(
            e.placeholders.map((p) => p.token),
            `${e.id}: ${m}`
          ).toContain(m)
      }
      expect(e.redirect_hint.length).toBeGreaterThan(10)
      if (e.discovery) expect(e.discovery).toMatch(/^https:\/\/.*\/\.well-known\/openid-configuration$/)
    }
  })

  // docs/panel-behaviour.md#value-extraction: on the provider's usual userinfo, every path finds a value and the
  // first login creates the account (username 3–15 of [A-Za-z0-9_], valid e-mail, names).
  // The community files are copied verbatim; their known failures are documented in notes.
  it('paths of every library preset pass registration on each provider’s usual userinfo', async () => {
    for (const e of await loadLibrary(DIR)) {
      expect(e.sample_userinfo, e.id).toBeDefined()
      const p = previewRegistration(prepareDocument(JSON.stringify(e.sample_userinfo)), e.preset, { login_only: e.preset.login_only })
      const errors = p.problems.filter((x) => x.severity === 'error')
      expect(errors, `${e.id}: ${JSON.stringify(errors)}`).toEqual([])
      // login_only (Discord): the panel never registers, it only logs in linked accounts.
      expect(p.outcome, e.id).toBe(e.preset.login_only ? 'disabled' : 'creates-account')
    }
  })

  it('e-mail shaped usernames are not used as usernames (Entra, Okta, Zitadel, Kanidm, Auth0)', async () => {
    const lib = await loadLibrary(DIR)
    for (const id of ['microsoft-entra-id', 'okta', 'zitadel', 'kanidm', 'auth0']) {
      expect(lib.find((e) => e.id === id)!.preset.username_path, id).toBeNull()
    }
  })

  it('community presets whose paths fail on usual userinfo say so in their notes', async () => {
    const lib = await loadLibrary(DIR)
    for (const e of lib.filter((x) => x.community)) {
      const p = previewRegistration(prepareDocument(JSON.stringify(e.sample_userinfo)), e.preset, { login_only: e.preset.login_only })
      const failing = [...new Set(p.problems.filter((x) => x.severity === 'error').map((x) => x.field))]
      for (const f of failing) {
        const words = {
          username: /Username Path|username/,
          email: /e-?mail/i,
          name_last: /Last Name Path|family_name/,
          name_first: /given_name|First Name/,
          identifier: /identifier/
        }[f!]!
        expect(
          e.notes.some((n) => words.test(n)),
          `${e.id}: ${f} fails but no note mentions it`
        ).toBe(true)
      }
    }
  })
})

describe('placeholders', () => {
  it('fills host and realm into every URL and the discovery address', async () => {
    const kc = (await loadLibrary(DIR)).find((e) => e.id === 'keycloak')!
    const r = applyPlaceholders(kc, { 'id.example.com': 'https://sso.acme.test/', '{realm}': 'staff-ä' })
    expect(r.preset.auth_url).toBe('https://sso.acme.test/realms/staff-%C3%A4/protocol/openid-connect/auth')
    expect(r.preset.token_url).toBe('https://sso.acme.test/realms/staff-%C3%A4/protocol/openid-connect/token')
    expect(r.preset.info_url).toBe('https://sso.acme.test/realms/staff-%C3%A4/protocol/openid-connect/userinfo')
    expect(r.discovery).toBe('https://sso.acme.test/realms/staff-%C3%A4/.well-known/openid-configuration')
    expect(kc.preset.auth_url).toContain('id.example.com') // the library entry is untouched
  })

  it('uses the default when the answer is empty (GitLab.com)', async () => {
    const gl = (await loadLibrary(DIR)).find((e) => e.id === 'gitlab')!
    expect(applyPlaceholders(gl, {}).preset.info_url).toBe('https://gitlab.com/oauth/userinfo')
    expect(applyPlaceholders(gl, { 'gitlab.com': 'git.acme.test:8443' }).preset.info_url).toBe('https://git.acme.test:8443/oauth/userinfo')
  })

  it('reports every missing or malformed answer by field', async () => {
    const kc = (await loadLibrary(DIR)).find((e) => e.id === 'keycloak')!
    let err: unknown
    try {
      applyPlaceholders(kc, { 'id.example.com': 'not a host!', '{realm}': '' })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).problems).toEqual([
      { field: 'id.example.com', message: 'Keycloak host: "not a host!" is not a host name (for example sso.mydomain.com).' },
      { field: '{realm}', message: 'Realm: required (for example master).' }
    ])
  })
})

describe('search', () => {
  it('matches title, keywords and hosts, case- and accent-insensitively', async () => {
    const lib = await loadLibrary(DIR)
    expect(searchLibrary(lib, 'azure').map((e) => e.id)).toEqual(['microsoft-entra-id'])
    expect(searchLibrary(lib, 'KEYCLOAK').map((e) => e.id)).toEqual(['keycloak'])
    expect(searchLibrary(lib, 'codeberg').map((e) => e.id)).toEqual(['forgejo'])
    expect(searchLibrary(lib, 'pôcket').map((e) => e.id)).toEqual(['pocket-id'])
    expect(searchLibrary(lib, '').length).toBe(lib.length)
    expect(searchLibrary(lib, 'nothing-like-this')).toEqual([])
  })
})

/**
 * The library's own presets fix what fails on the first login with the provider's
 * defaults; the community originals stay verbatim in test/fixtures/community-presets/.
 */
describe('library presets that differ from the community originals', () => {
  const registration = (e: { sample_userinfo?: unknown }, preset: PresetConfig) =>
    previewRegistration(prepareDocument(JSON.stringify(e.sample_userinfo)), preset, { login_only: preset.login_only })

  it.each([
    ['authentik', { name_last_path: null }, ['name_last']],
    ['github', { email_path: null, username_path: '$.login' }, ['email', 'username']]
  ] as const)('%s: changes exactly %j; the original fails registration on the same userinfo', async (id, changed, failing) => {
    const entry = (await loadLibrary(DIR)).find((e) => e.id === id)!
    const original = importPreset(communityPresetBytes(id).toString('utf8')).preset!
    expect(entry.preset).toEqual({ ...original, ...changed })
    const before = registration(entry, original)
    expect([...new Set(before.problems.filter((p) => p.severity === 'error').map((p) => p.field))].sort()).toEqual([...failing].sort())
    expect(registration(entry, entry.preset).outcome).toBe('creates-account')
    expect(entry.notes.filter((n) => n.startsWith('Changed from the community preset')).length).toBe(
      Object.keys(changed).length === 1 ? 1 : 2
    )
    expect(entry.notes.join(' ')).toMatch(/https:\/\//)
  })

  it('the other community presets are still the originals, byte for byte', () => {
    for (const id of ['discord', 'google', 'pocket-id'] as const) {
      expect(readFileSync(join(DIR, `${id}.yml`)), id).toEqual(communityPresetBytes(id))
    }
  })
})

describe('provider presets checked against their documentation', () => {
  it.each(['kanidm', 'authelia', 'keycloak', 'zitadel', 'microsoft-entra-id', 'twitch', 'authentik', 'github'])(
    '%s cites the documentation it follows in a note',
    async (id) => {
      const e = (await loadLibrary(DIR)).find((x) => x.id === id)!
      expect(
        e.notes.some((n) => /https:\/\/\S+/.test(n)),
        id
      ).toBe(true)
    }
  )

  it('Kanidm: says it cannot work until PKCE is disabled for the client', async () => {
    const e = (await loadLibrary(DIR)).find((x) => x.id === 'kanidm')!
    expect(e.notes[0]).toMatch(/^Cannot work until PKCE is disabled/)
    expect(e.notes[0]).toContain('warning-insecure-client-disable-pkce')
    expect(e.preset.basic_auth).toBe(true)
  })

  it('Authelia: Basic Auth on (client_secret_basic is its default)', async () => {
    const e = (await loadLibrary(DIR)).find((x) => x.id === 'authelia')!
    expect(e.preset.basic_auth).toBe(true)
    expect(e.notes[0]).toContain('client_secret_basic')
  })

  it('Keycloak: asks for openid, without which its userinfo answers 403', async () => {
    const e = (await loadLibrary(DIR)).find((x) => x.id === 'keycloak')!
    expect(e.preset.scopes).toContain('openid')
    expect(e.notes[0]).toContain('Missing openid scope')
  })

  it('Twitch: e-mail and username are asked for through the claims parameter in auth_url', async () => {
    const e = (await loadLibrary(DIR)).find((x) => x.id === 'twitch')!
    const auth = new URL(e.preset.auth_url)
    expect(JSON.parse(auth.searchParams.get('claims')!)).toEqual({
      userinfo: { email: null, email_verified: null, preferred_username: null }
    })
    expect(e.preset.auth_url.length).toBeLessThanOrEqual(255)
    expect(e.preset.scopes).toEqual(['openid', 'user:read:email'])
    expect(e.preset.basic_auth).toBe(false)
    // The panel adds its parameters after the query auth_url already has.
    const url = new URL(
      buildAuthorizationUrl(e.preset.auth_url, {
        clientId: 'cid',
        redirectUri: 'https://panel.test/cb',
        scopes: e.preset.scopes,
        state: 's'
      })
    )
    expect([...url.searchParams.keys()][0]).toBe('claims')
    expect(url.searchParams.get('claims')).toBe(auth.searchParams.get('claims'))
    expect(e.notes[0]).toMatch(/^Does not work with the panel today/)
  })
})
