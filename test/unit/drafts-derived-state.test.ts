import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DraftStore } from '../../src/core/drafts/store'
import { emptyProviderConfig } from '../../src/shared/provider'
import type { DraftConfig, LastPush } from '../../src/shared/schemas/drafts'
import type { DiscoveryResult } from '../../src/shared/schemas/discovery'

let dir: string
let ids = 0
const store = (): DraftStore => new DraftStore(dir, { newId: () => `draft-${String(++ids).padStart(4, '0')}` })

function config(over: Partial<DraftConfig> = {}): DraftConfig {
  const { client_secret: _s, ...c } = emptyProviderConfig()
  return { ...c, name: 'Company IdP', client_id: 'the-client-id', auth_url: 'https://id.acme.test/authorize', ...over }
}

const DISCOVERY: DiscoveryResult = {
  document_url: 'https://id.acme.test/.well-known/openid-configuration',
  kind: 'oidc',
  issuer: 'https://id.acme.test',
  auth_url: 'https://id.acme.test/authorize',
  token_url: 'https://id.acme.test/token',
  info_url: 'https://id.acme.test/userinfo',
  jwks_uri: null,
  claims_supported: ['sub', 'email'],
  scopes_supported: ['openid', 'email'],
  response_types_supported: ['code'],
  token_endpoint_auth_methods_supported: ['client_secret_post'],
  code_challenge_methods_supported: null,
  basic_auth: false,
  basic_auth_reason: 'The provider lists only client_secret_post.',
  findings: [],
  warnings: []
}

const PUSH: LastPush = {
  panel_url: 'https://panel.acme.test',
  app_url: 'https://panel.acme.test',
  uuid: '0f8fad5b-d9cb-469f-a165-70867728950e',
  name: 'Company IdP',
  action: 'created',
  redirect_url: 'https://panel.acme.test/api/auth/oauth/0f8fad5b-d9cb-469f-a165-70867728950e',
  at: '2026-11-29T08:00:00.000Z',
  config: config()
}

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'drafts-')), 'drafts')
  ids = 0
})
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }))

describe('what a draft keeps besides its fields', () => {
  it('saves the discovery document, the userinfo sample with its origin and time, and the last push', async () => {
    const s = store()
    const { draft } = await s.save({
      config: config(),
      discovery_url: 'id.acme.test',
      discovery: DISCOVERY,
      userinfo: '{"sub":"jane"}',
      userinfo_source: 'login',
      userinfo_received_at: '2026-11-29T08:01:00.000Z',
      last_push: PUSH
    })
    const back = await s.get(draft.id)
    expect(back).toMatchObject({
      discovery_url: 'id.acme.test',
      discovery: DISCOVERY,
      userinfo: '{"sub":"jane"}',
      userinfo_source: 'login',
      userinfo_received_at: '2026-11-29T08:01:00.000Z',
      last_push: PUSH
    })
    // A later save that leaves them out keeps them.
    await s.save({ id: draft.id, config: config({ login_only: true }) })
    expect(await s.get(draft.id)).toMatchObject({ discovery: DISCOVERY, userinfo_source: 'login', last_push: PUSH })
  })

  it('never writes a secret, not even inside the pushed configuration', async () => {
    const s = store()
    const pushed = { ...PUSH, config: { ...config(), client_secret: 'never-on-disk' } as DraftConfig }
    const { draft } = await s.save({ config: config(), last_push: pushed })
    expect(readFileSync(join(dir, `${draft.id}.json`), 'utf8')).not.toContain('never-on-disk')
  })

  it('a copy has never been pushed: the original keeps its panel record', async () => {
    const s = store()
    const { draft } = await s.save({ config: config(), last_push: PUSH, discovery: DISCOVERY })
    const copy = await s.duplicate(draft.id)
    expect(copy.last_push).toBeNull()
    expect(copy.discovery).toEqual(DISCOVERY)
    expect((await s.get(draft.id)).last_push).toEqual(PUSH)
  })

  it('a draft file written before these fields existed still opens, with them empty', async () => {
    mkdirSync(dir, { recursive: true })
    const { client_secret: _s, ...c } = emptyProviderConfig()
    const old = {
      version: 1,
      id: 'abcdef0123456789',
      created: '2026-11-01T10:00:00.000Z',
      updated: '2026-11-01T10:05:00.000Z',
      name: null,
      step: 'claims',
      preset_id: null,
      placeholders: {},
      panel_url: null,
      config: { ...c, name: 'Old draft' },
      userinfo: '{"sub":"x"}'
    }
    writeFileSync(join(dir, 'abcdef0123456789.json'), JSON.stringify(old))
    const d = await store().get('abcdef0123456789')
    expect(d).toMatchObject({
      userinfo: '{"sub":"x"}',
      userinfo_source: null,
      userinfo_received_at: null,
      discovery_url: null,
      discovery: null,
      last_push: null
    })
    expect((await store().list()).set_aside).toEqual([])
  })
})
