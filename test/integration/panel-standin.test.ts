import { afterEach, describe, expect, it } from 'vitest'
import { emptyProviderConfig } from '../../src/shared/provider'
import { makeApiKey, startPanelStandin, type PanelStandin } from '../support/panel-standin'

/**
 * The stand-in judges our client, so its own behaviour is pinned here with raw HTTP,
 * case by case, against what the panel's source does (docs/panel-behaviour.md).
 */

let s: PanelStandin
afterEach(async () => {
  await s?.close()
})

const body = {
  ...emptyProviderConfig(),
  name: 'Raw',
  client_id: 'cid',
  client_secret: 'sec',
  auth_url: 'https://a/x',
  token_url: 'https://a/t',
  info_url: 'https://a/i'
}

async function req(
  path: string,
  init: RequestInit & { key?: string | null } = {}
): Promise<{ status: number; json: unknown; text: string; headers: Headers }> {
  const headers = new Headers(init.headers)
  if (init.key !== null) headers.set('authorization', `Bearer ${init.key ?? s.apiKey}`)
  const res = await fetch(`${s.url}${path}`, { ...init, headers, redirect: 'manual' })
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = null
  }
  return { status: res.status, json, text, headers: res.headers }
}

const post = (b: unknown, contentType = 'application/json', key?: string | null) =>
  req('/api/admin/oauth-providers', {
    method: 'POST',
    body: typeof b === 'string' ? b : JSON.stringify(b),
    headers: { 'content-type': contentType },
    key
  })

describe('panel stand-in follows the panel', () => {
  it('checks the Authorization header by its total length first, then the key, then admin rights', async () => {
    const plain = makeApiKey()
    s = await startPanelStandin({ keys: [{ key: makeApiKey() }, { key: plain, admin: false }] })
    expect((await req('/api/admin/oauth-providers', { key: null })).json).toEqual({ errors: ['missing authorization'] })
    expect((await req('/api/admin/oauth-providers', { key: 'short' })).json).toEqual({ errors: ['invalid authorization header'] })
    expect((await req('/api/admin/oauth-providers', { key: makeApiKey() })).json).toEqual({ errors: ['invalid api key'] })
    const r = await req('/api/admin/oauth-providers', { key: plain })
    expect([r.status, r.json]).toEqual([401, { errors: ['unauthorized'] }])
  })

  it('accepts exactly application/json; other media types are invalid payloads', async () => {
    s = await startPanelStandin()
    expect((await post(body, 'application/json; charset=utf-8')).json).toEqual({ errors: ['invalid payload: unsupported content type'] })
    expect((await post('{"name":')).json).toMatchObject({ errors: [expect.stringMatching(/^invalid payload: /)] })
    expect((await post({ ...body, enabled: 'yes' })).json).toEqual({
      errors: [expect.stringMatching(/^invalid payload: invalid type: string "yes", expected a boolean at line 1 column \d+$/)]
    })
    expect((await post({ ...body, unknown_key: 1 })).status).toBe(200)
  })

  it('sends validation failures wrapped twice, one "<field>: <message>" per failing rule', async () => {
    s = await startPanelStandin()
    const r = await post({ ...body, client_id: 'a', identifier_path: '$' })
    expect(r.status).toBe(400)
    const outer = r.json as { errors: string[] }
    expect(outer.errors).toHaveLength(1)
    expect(JSON.parse(outer.errors[0]!)).toEqual({
      errors: ['client_id: length is lower than 3', 'identifier_path: length is lower than 3']
    })
  })

  it('PATCH: absent keeps, null clears an optional path, null on a required field is ignored', async () => {
    s = await startPanelStandin()
    const created = ((await post(body)).json as { oauth_provider: { uuid: string } }).oauth_provider
    const r = await req(`/api/admin/oauth-providers/${created.uuid}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email_path: null, name: null, identifier_path: null, description: 'Now set' })
    })
    expect([r.status, r.json]).toEqual([200, {}])
    expect(s.providers.get(created.uuid)).toMatchObject({
      name: 'Raw',
      identifier_path: '$.sub',
      email_path: null,
      description: 'Now set',
      username_path: '$.preferred_username'
    })
    expect((await req('/api/admin/oauth-providers/not-a-uuid')).json).toEqual({ errors: ['invalid oauth provider uuid'] })
    expect((await req('/api/admin/oauth-providers/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })

  it('builds the login redirect like the oauth2 crate, from app.url, and hides disabled providers', async () => {
    s = await startPanelStandin({ appUrl: 'https://panel.example.com/' })
    const p = s.seed({ name: 'R', auth_url: 'https://idp.example.com/auth?tenant=a b', scopes: ['openid', 'email'] })
    const r = await req(`/api/auth/oauth/redirect/${p.uuid}`, { key: null })
    expect(r.status).toBe(307)
    const loc = r.headers.get('location')!
    expect(loc).toMatch(
      /^https:\/\/idp\.example\.com\/auth\?tenant=a%20b&response_type=code&client_id=seeded-client&state=[\w-]+&redirect_uri=https%3A%2F%2Fpanel\.example\.com%2Fapi%2Fauth%2Foauth%2F[\w-]+&scope=openid\+email$/
    )
    p.scopes = []
    expect((await req(`/api/auth/oauth/redirect/${p.uuid}`, { key: null })).headers.get('location')).not.toContain('scope=')
    p.enabled = false
    expect((await req(`/api/auth/oauth/redirect/${p.uuid}`, { key: null })).json).toEqual({ errors: ['oauth provider not found'] })
  })
})
