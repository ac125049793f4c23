import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importPreset } from '../../src/core/presets/import'
import { applyPlaceholders, defaultPresetsDir, loadLibrary, searchLibrary } from '../../src/core/presets/library'
import { prepareDocument, previewRegistration } from '../../src/core/registration/preview'
import { AppError } from '../../src/shared/errors'

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
  it('paths of the library’s own presets pass registration on each provider’s usual userinfo', async () => {
    for (const e of (await loadLibrary(DIR)).filter((x) => !x.community)) {
      expect(e.sample_userinfo, e.id).toBeDefined()
      const p = previewRegistration(prepareDocument(JSON.stringify(e.sample_userinfo)), e.preset, { login_only: e.preset.login_only })
      const errors = p.problems.filter((x) => x.severity === 'error')
      expect(errors, `${e.id}: ${JSON.stringify(errors)}`).toEqual([])
      expect(p.outcome, e.id).toBe('creates-account')
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
