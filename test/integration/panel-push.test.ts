import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkConnection } from '../../src/core/panel/connection-check'
import { PanelClient } from '../../src/core/panel/panel-client'
import { normalizePanelUrl } from '../../src/core/panel/panel-url'
import { planPush, pushProvider, type PushInput } from '../../src/core/panel/push'
import { verifyPanelRedirect } from '../support/login-redirect'
import { AppError } from '../../src/shared/errors'
import { emptyProviderConfig, type ProviderConfig } from '../../src/shared/provider'
import { makeApiKey, startOrdinaryWebsite, startPanelStandin, type PanelStandin } from '../support/panel-standin'

const SECRET = 'client-secret-7f3a9c'

function config(over: Partial<ProviderConfig> = {}): ProviderConfig {
  return {
    ...emptyProviderConfig(),
    name: 'Pocket ID',
    description: 'Company login',
    client_id: 'calagopus-panel',
    auth_url: 'https://id.example.com/authorize',
    token_url: 'https://id.example.com/api/oidc/token',
    info_url: 'https://id.example.com/api/oidc/userinfo',
    ...over
  }
}

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

async function standin(opts: Parameters<typeof startPanelStandin>[0] = {}): Promise<PanelStandin> {
  const s = await startPanelStandin(opts)
  cleanups.push(() => s.close())
  return s
}

function input(s: PanelStandin, over: Partial<PushInput> = {}): PushInput {
  return { panel: normalizePanelUrl(s.url), apiKey: s.apiKey, config: config(), clientSecret: SECRET, ...over }
}

/** Runs `fn`, expecting an AppError; returns it. */
async function failure(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn()
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a failure')
}

describe('check connection', () => {
  it('reads app.url and app.name and confirms the key can list providers', async () => {
    const s = await standin({ appName: 'Acme Panel' })
    s.seed({ name: 'GitHub' })
    const r = await checkConnection(normalizePanelUrl(s.url), s.apiKey)
    expect(r).toMatchObject({ panel_url: s.url, app_url: s.url, app_name: 'Acme Panel', provider_count: 1, warnings: [] })
  })

  it('refuses a malformed key locally: nothing reaches the panel', async () => {
    const s = await standin()
    const err = await failure(() => checkConnection(normalizePanelUrl(s.url), s.apiKey.slice(0, 47)))
    expect(err.code).toBe('panel.key-malformed')
    expect(err.field).toBe('apiKey')
    expect(err.message).toContain('47 characters')
    expect(s.requests).toHaveLength(0)
  })

  it('tells a refused key (the panel’s “invalid api key”)', async () => {
    const s = await standin()
    const err = await failure(() => checkConnection(normalizePanelUrl(s.url), makeApiKey()))
    expect(err.code).toBe('panel.key-refused')
    expect(err.evidence?.bodyExcerpt).toContain('invalid api key')
  })

  it('tells a key without the oauth-providers.read permission', async () => {
    const key = makeApiKey()
    const s = await standin({ keys: [{ key, permissions: ['users.read'] }] })
    const err = await failure(() => checkConnection(normalizePanelUrl(s.url), key))
    expect(err.code).toBe('panel.permission')
    expect(err.message).toContain('oauth-providers.read')
  })

  it('tells a key whose owner is not an admin', async () => {
    const key = makeApiKey()
    const s = await standin({ keys: [{ key, admin: false }] })
    const err = await failure(() => checkConnection(normalizePanelUrl(s.url), key))
    expect(err.code).toBe('panel.not-admin')
  })

  it('tells an ordinary website from a panel', async () => {
    const site = await startOrdinaryWebsite()
    cleanups.push(() => site.close())
    const err = await failure(() => checkConnection(normalizePanelUrl(site.url), makeApiKey()))
    expect(err.code).toBe('panel.not-a-panel')
    expect(err.field).toBe('panelUrl')
    expect(err.message).toContain('text/html')
  })

  it('tells an unreachable host (a closed loopback port)', async () => {
    const srv = http.createServer()
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
    const { port } = srv.address() as AddressInfo
    await new Promise<void>((r) => srv.close(() => r()))
    const err = await failure(() => checkConnection(normalizePanelUrl(`http://127.0.0.1:${port}`), makeApiKey()))
    expect(err.code).toBe('net.unreachable')
  })

  it('times out on a slow panel, and can be cancelled', async () => {
    const s = await standin({ delayMs: 10_000 })
    const err = await failure(() => checkConnection(normalizePanelUrl(s.url), s.apiKey, { timeoutMs: 200 }))
    expect(err.code).toBe('net.timeout')
    const controller = new AbortController()
    const pending = failure(() => checkConnection(normalizePanelUrl(s.url), s.apiKey, { signal: controller.signal }))
    controller.abort()
    expect((await pending).code).toBe('cancelled')
  })

  it('tells a TLS failure (a self-signed certificate) from an unreachable host', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'panel-tls-'))
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1'
        ],
        { stdio: 'ignore' }
      )
      const srv = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_q, r) =>
        r.end('{}')
      )
      await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
      cleanups.push(() => new Promise<void>((r) => (srv.closeAllConnections(), srv.close(() => r()))))
      const err = await failure(() =>
        checkConnection(normalizePanelUrl(`https://127.0.0.1:${(srv.address() as AddressInfo).port}`), makeApiKey())
      )
      expect(err.code).toBe('net.tls')
      expect(err.message).toContain('SELF_SIGNED')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('works behind a path prefix, and says so when the prefix is missing', async () => {
    const s = await standin({ prefix: '/panel' })
    const r = await checkConnection(normalizePanelUrl(`${s.origin}/panel/`), s.apiKey)
    expect(r.panel_url).toBe(`${s.origin}/panel`)
    expect(s.requests.map((q) => q.path)).toEqual(['/api/settings', '/api/admin/oauth-providers'])
    const err = await failure(() => checkConnection(normalizePanelUrl(s.origin), s.apiKey))
    expect(err.code).toBe('panel.not-a-panel')
    expect(err.hint).toContain('https://host/panel')
  })

  it('warns when the panel’s app.url is not the address it was reached at', async () => {
    const s = await standin({ appUrl: 'https://panel.example.com/' })
    const r = await checkConnection(normalizePanelUrl(s.url), s.apiKey)
    expect(r.app_url).toBe('https://panel.example.com/')
    expect(r.warnings.join(' ')).toContain('app.url')
  })
})

describe('plan and push', () => {
  it('creates a provider: the plan lists every field, the secret masked, and sends nothing', async () => {
    const s = await standin()
    const plan = await planPush(input(s))
    expect(plan.action).toBe('create')
    expect(plan.preview?.method).toBe('POST')
    expect(plan.preview?.body.client_secret).toBe('••••••••')
    expect(plan.changes.find((c) => c.field === 'client_secret')).toEqual({
      field: 'client_secret',
      label: 'Client Secret',
      kind: 'set',
      secret: true
    })
    expect(JSON.stringify(plan)).not.toContain(SECRET)
    expect(s.writes()).toHaveLength(0)

    const r = await pushProvider({ ...input(s), fingerprint: plan.fingerprint })
    expect(r.action).toBe('created')
    expect(r.redirect_url).toBe(`${s.url}/api/auth/oauth/${r.uuid}`)
    expect(r.problems).toEqual([])
    expect(s.writes()).toHaveLength(1)
    const stored = s.providers.get(r.uuid)!
    const { uuid: _u, created: _c, ...fields } = stored
    expect(fields).toEqual({ ...config(), client_secret: SECRET })
    expect(JSON.stringify(r)).not.toContain(SECRET)
  })

  it('reports an identical provider as unchanged and writes nothing', async () => {
    const s = await standin()
    const first = await pushProvider(input(s))
    const plan = await planPush(input(s))
    expect(plan).toMatchObject({ action: 'unchanged', uuid: first.uuid, changes: [], preview: null })
    const again = await pushProvider(input(s))
    expect(again).toMatchObject({ action: 'unchanged', uuid: first.uuid, sent_fields: [] })
    expect(s.writes()).toHaveLength(1)
  })

  it('updates only the differing fields after a field-by-field diff (null clears a path)', async () => {
    const s = await standin()
    const existing = s.seed({
      ...config({ scopes: ['openid', 'email'], description: null, basic_auth: true }),
      client_secret: 'old-secret-value'
    })
    const desired = config({ email_path: null, username_path: '$.nickname' })
    const plan = await planPush(input(s, { config: desired }))
    expect(plan.action).toBe('update')
    expect(plan.uuid).toBe(existing.uuid)
    const byField = Object.fromEntries(plan.changes.map((c) => [c.field, c]))
    expect(Object.keys(byField).sort()).toEqual(['basic_auth', 'client_secret', 'description', 'email_path', 'scopes', 'username_path'])
    expect(byField.email_path).toMatchObject({ kind: 'cleared', before: '$.email', after: null })
    expect(byField.scopes).toMatchObject({ kind: 'changed', before: ['openid', 'email'], after: ['openid', 'profile', 'email'] })
    expect(byField.client_secret).toEqual({ field: 'client_secret', label: 'Client Secret', kind: 'changed', secret: true })
    expect(JSON.stringify(plan)).not.toContain('old-secret-value')
    expect(JSON.stringify(plan)).not.toContain(SECRET)

    const r = await pushProvider({ ...input(s, { config: desired }), fingerprint: plan.fingerprint })
    expect(r.action).toBe('updated')
    expect(r.problems).toEqual([])
    const [patch] = s.writes()
    expect(patch!.method).toBe('PATCH')
    expect(patch!.path).toBe(`/api/admin/oauth-providers/${existing.uuid}`)
    expect(patch!.contentType).toBe('application/json')
    const sent = JSON.parse(patch!.body)
    expect(Object.keys(sent).sort()).toEqual(['basic_auth', 'client_secret', 'description', 'email_path', 'scopes', 'username_path'])
    expect(sent.email_path).toBeNull()
    const stored = s.providers.get(existing.uuid)!
    expect(stored.email_path).toBeNull()
    expect(stored.client_secret).toBe(SECRET)
    expect(stored.description).toBe('Company login')
  })

  it('keeps the panel’s secret when none is given for an update', async () => {
    const s = await standin()
    s.seed({ ...config({ description: 'Old' }), client_secret: 'kept-secret' })
    const r = await pushProvider(input(s, { clientSecret: null }))
    expect(r.action).toBe('updated')
    expect(JSON.parse(s.writes()[0]!.body)).toEqual({ description: 'Company login' })
    expect(r.warnings.join(' ')).toContain('keeps the one it has')
  })

  it('finds the provider by its exact name among wildcard-like, escaped and look-alike names, past the first page', async () => {
    const s = await standin()
    for (let i = 0; i < 120; i++) s.seed({ name: `Acme IdP ${i}` })
    s.seed({ name: 'acme idp' })
    s.seed({ name: 'AcmeXIdP' })
    const target = s.seed({ name: 'Acme IdP' })
    const plan = await planPush(input(s, { config: config({ name: 'Acme IdP' }) }))
    expect(plan).toMatchObject({ action: 'update', uuid: target.uuid })
    expect(plan.warnings.join(' ')).toContain('“acme idp”')
    const underscore = s.seed({ name: 'Acme_IdP' })
    expect((await planPush(input(s, { config: config({ name: 'Acme_IdP' }) }))).uuid).toBe(underscore.uuid)
    const backslash = s.seed({ name: 'Acme\\IdP\\' })
    expect((await planPush(input(s, { config: config({ name: 'Acme\\IdP\\' }) }))).uuid).toBe(backslash.uuid)
  })

  it('offers rename or update on a name conflict, and never sends', async () => {
    const s = await standin()
    const existing = s.seed({ name: 'Pocket ID' })
    const plan = await planPush(input(s, { mode: 'create' }))
    expect(plan).toMatchObject({ action: 'conflict', conflict: { uuid: existing.uuid, name: 'Pocket ID' } })
    const err = await failure(() => pushProvider(input(s, { mode: 'create' })))
    expect(err.code).toBe('panel.name-conflict')
    expect(err.field).toBe('name')
    expect(s.writes()).toHaveLength(0)
  })

  it('maps the panel’s own 409 onto the name field', async () => {
    const s = await standin()
    s.seed({ name: 'Taken' })
    const client = new PanelClient({ panel: normalizePanelUrl(s.url), apiKey: s.apiKey })
    const body = { ...config({ name: 'Taken' }), client_secret: SECRET }
    const err = await failure(() => client.createProvider(body))
    expect(err.code).toBe('panel.name-conflict')
    expect(err.problems).toEqual([{ field: 'name', message: 'oauth provider with name already exists' }])
  })

  it('refuses to send when the panel changed since the plan was confirmed', async () => {
    const s = await standin()
    const plan = await planPush(input(s))
    s.seed({ name: 'Pocket ID', client_id: 'someone-else' })
    const err = await failure(() => pushProvider({ ...input(s), fingerprint: plan.fingerprint }))
    expect(err.code).toBe('panel.plan-changed')
    expect(s.writes()).toHaveLength(0)
  })

  it('also refuses when a field we would overwrite anyway was edited in the panel meanwhile', async () => {
    const s = await standin()
    const existing = s.seed({ ...config({ scopes: ['openid'] }), client_secret: SECRET })
    const plan = await planPush(input(s))
    expect(plan.changes.map((c) => c.field)).toEqual(['scopes'])
    existing.scopes = ['openid', 'email']
    const err = await failure(() => pushProvider({ ...input(s), fingerprint: plan.fingerprint }))
    expect(err.code).toBe('panel.plan-changed')
    expect(s.writes()).toHaveLength(0)
  })

  it('validates locally first: the panel never sees a config it would refuse', async () => {
    const s = await standin()
    const err = await failure(() => pushProvider(input(s, { config: config({ client_id: 'ab', identifier_path: 'sub' }) })))
    expect(err.code).toBe('panel.invalid-config')
    expect(err.problems?.map((p) => p.field).sort()).toEqual(['client_id', 'identifier_path'])
    expect(s.requests).toHaveLength(0)
  })

  it('needs a client secret to create', async () => {
    const s = await standin()
    const err = await failure(() => planPush(input(s, { clientSecret: null })))
    expect(err.code).toBe('panel.invalid-config')
    expect(err.field).toBe('client_secret')
    expect(s.writes()).toHaveLength(0)
  })

  const panelRefusals: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['name', { name: '' }, 'name', /at least 1 character/],
    ['client_id', { client_id: 'ab' }, 'client_id', /at least 3 characters/],
    ['client_secret', { client_secret: 'x' }, 'client_secret', /at least 3 characters/],
    ['auth_url', { auth_url: 'x'.repeat(256) }, 'auth_url', /at most 255 characters/],
    ['token_url', { token_url: 'ab' }, 'token_url', /at least 3/],
    ['info_url', { info_url: '' }, 'info_url', /at least 3/],
    ['description', { description: '' }, 'description', /at least 1 character/],
    ['scopes', { scopes: Array.from({ length: 256 }, (_, i) => `s${i}`) }, 'scopes', /at most 255 entries/],
    ['identifier_path', { identifier_path: '$.a b' }, 'identifier_path', /must be a valid json path/],
    ['email_path', { email_path: '$[' }, 'email_path', /must be a valid json path/],
    ['username_path', { username_path: `$.${'a'.repeat(254)}` }, 'username_path', /at most 255/],
    ['name_first_path', { name_first_path: '' }, 'name_first_path', /at least 1 character/],
    ['name_last_path', { name_last_path: 'given' }, 'name_last_path', /must be a valid json path/]
  ]
  it.each(panelRefusals)('maps the panel’s validation error of %s onto its field', async (_n, over, field, message) => {
    const s = await standin()
    const client = new PanelClient({ panel: normalizePanelUrl(s.url), apiKey: s.apiKey })
    const err = await failure(() => client.createProvider({ ...config(), client_secret: SECRET, ...over }))
    expect(err.code).toBe('panel.validation')
    // garde runs every rule: an empty path is both too short and not a JSONPath.
    expect(new Set(err.problems!.map((p) => p.field))).toEqual(new Set([field]))
    expect(err.problems!.some((p) => message.test(p.message))).toBe(true)
    expect(err.field).toBe(field)
  })

  it('reports several validation errors at once, each on its field', async () => {
    const s = await standin()
    const client = new PanelClient({ panel: normalizePanelUrl(s.url), apiKey: s.apiKey })
    const err = await failure(() => client.createProvider({ ...config({ client_id: 'a', token_url: 'b' }), client_secret: SECRET }))
    expect(err.problems?.map((p) => p.field)).toEqual(['client_id', 'token_url'])
  })

  it('tells a body the panel cannot read (invalid payload) from a validation error', async () => {
    const s = await standin()
    const client = new PanelClient({ panel: normalizePanelUrl(s.url), apiKey: s.apiKey })
    const err = await failure(() => client.createProvider({ name: 'x' }))
    expect(err.code).toBe('panel.invalid-payload')
    expect(err.message).toContain('missing field `enabled`')
  })

  it('reports a key that may read but not create', async () => {
    const key = makeApiKey()
    const s = await standin({ keys: [{ key, permissions: ['oauth-providers.read'] }] })
    const err = await failure(() => pushProvider(input(s, { apiKey: key })))
    expect(err.code).toBe('panel.permission')
    expect(err.message).toContain('oauth-providers.create')
  })

  it('pushes to a panel behind a path prefix', async () => {
    const s = await standin({ prefix: '/panel' })
    const r = await pushProvider(input(s))
    expect(r.action).toBe('created')
    expect(r.redirect_url).toBe(`${s.origin}/panel/api/auth/oauth/${r.uuid}`)
    expect(s.providers.has(r.uuid)).toBe(true)
  })

  it('never lets the admin GET’s client_secret into error evidence', async () => {
    const s = await standin()
    s.seed({ name: 'Pocket ID', client_secret: 'panel-side-secret' })
    // A panel that sends something we cannot parse after listing: the evidence must be redacted.
    const client = new PanelClient({ panel: normalizePanelUrl(s.url), apiKey: s.apiKey })
    const list = await client.listProviders(1, 10)
    expect(list.data[0]!.client_secret).toBe('panel-side-secret')
    const { panelEvidence } = await import('../../src/core/panel/panel-errors')
    const res = {
      url: s.url,
      status: 200,
      statusText: 'OK',
      headers: new Headers(),
      bodyText: JSON.stringify({ oauth_providers: list }),
      bodyBytes: 0,
      redirects: []
    }
    expect(panelEvidence(res, 'GET').bodyExcerpt).not.toContain('panel-side-secret')
  })
})

describe('redirect verification', () => {
  it('confirms the panel’s 307 carries the configured endpoint, client_id, scopes and redirect_uri', async () => {
    const s = await standin()
    const pushed = await pushProvider(input(s, { config: config({ auth_url: 'https://id.example.com/authorize?prompt=login' }) }))
    const client = new PanelClient({ panel: normalizePanelUrl(s.url) })
    const v = await verifyPanelRedirect(
      client,
      pushed.uuid,
      config({ auth_url: 'https://id.example.com/authorize?prompt=login' }),
      pushed.app_url
    )
    expect(v.problems).toEqual([])
    expect(v.ok).toBe(true)
    expect(v.checks.map((c) => c.name)).toEqual([
      'status',
      'endpoint',
      'auth_url prompt',
      'response_type',
      'client_id',
      'redirect_uri',
      'scope',
      'state'
    ])
    expect(v.authorization_url).not.toContain('state=')
    const auth = new URL(v.authorization_url!)
    expect(auth.searchParams.get('redirect_uri')).toBe(pushed.redirect_url)
    expect(auth.searchParams.get('scope')).toBe('openid profile email')
  })

  it('reports each difference when the panel’s provider was changed behind our back', async () => {
    const s = await standin()
    const pushed = await pushProvider(input(s))
    const stored = s.providers.get(pushed.uuid)!
    stored.client_id = 'tampered'
    stored.scopes = ['openid']
    stored.auth_url = 'https://evil.example.com/authorize'
    s.appUrl = 'https://wrong.example.com'
    const v = await verifyPanelRedirect(new PanelClient({ panel: normalizePanelUrl(s.url) }), pushed.uuid, config(), pushed.app_url)
    expect(v.ok).toBe(false)
    expect(v.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['endpoint', 'client_id', 'redirect_uri', 'scope'])
    expect(v.problems.join('\n')).toContain('Expected calagopus-panel, got tampered')
  })

  it('expects the redirect_uri verbatim from app.url, as the panel sends it (not a normalized URL)', async () => {
    const s = await standin({ appUrl: 'https://Panel.Example.com:443/' })
    const pushed = await pushProvider(input(s))
    expect(pushed.redirect_url).toBe(`https://Panel.Example.com:443/api/auth/oauth/${pushed.uuid}`)
    const v = await verifyPanelRedirect(new PanelClient({ panel: normalizePanelUrl(s.url) }), pushed.uuid, config(), pushed.app_url)
    expect(v.ok).toBe(true)
    expect(new URL(v.authorization_url!).searchParams.get('redirect_uri')).toBe(pushed.redirect_url)
  })

  it('says a disabled provider cannot be logged in with (the panel answers 404)', async () => {
    const s = await standin()
    const pushed = await pushProvider(input(s, { config: config({ enabled: false }) }))
    const v = await verifyPanelRedirect(
      new PanelClient({ panel: normalizePanelUrl(s.url) }),
      pushed.uuid,
      config({ enabled: false }),
      pushed.app_url
    )
    expect(v).toMatchObject({ ok: false, status: 404 })
    expect(v.problems[0]).toContain('disabled')
  })

  it('reports the panel’s rate limit on its login route', async () => {
    const s = await standin()
    const pushed = await pushProvider(input(s))
    const client = new PanelClient({ panel: normalizePanelUrl(s.url) })
    for (let i = 0; i < 5; i++) expect((await verifyPanelRedirect(client, pushed.uuid, config(), pushed.app_url)).ok).toBe(true)
    const sixth = await verifyPanelRedirect(client, pushed.uuid, config(), pushed.app_url)
    expect(sixth.status).toBe(429)
    expect(sixth.problems[0]).toContain('rate-limited')
  })
})
