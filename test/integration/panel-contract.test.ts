import { afterEach, describe, expect, it } from 'vitest'
import { panelHandlers } from '../../src/core/panel'
import { Dispatcher } from '../../src/core/rpc/dispatcher'
import type { Services } from '../../src/core/services'
import { MemoryVault } from '../../src/core/vault/memory-vault'
import type { HandlerTable } from '../../src/shared/api'
import { emptyProviderConfig } from '../../src/shared/provider'
import { basicClient, startIdp } from '../support/oidc-idp'
import { startPanelStandin, type PanelStandin } from '../support/panel-standin'

const SECRET = 'vault-client-secret-55'
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

function setup(): { dispatcher: Dispatcher; vault: MemoryVault; opened: string[] } {
  const vault = new MemoryVault()
  const opened: string[] = []
  const services = {
    mode: 'web',
    version: 'test',
    dataDir: '/nonexistent',
    openExternal: async (url: string) => {
      opened.push(url)
      return true
    },
    vault
  } as unknown as Services
  return { dispatcher: new Dispatcher(panelHandlers(services) as unknown as HandlerTable), vault, opened }
}

async function ok<T = Record<string, unknown>>(d: Dispatcher, method: string, input: unknown): Promise<T> {
  const r = await d.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.data as T
}

describe('panel:* through the contract', () => {
  it('goes from API key to verified, preflighted provider; no output carries a secret', async () => {
    const panel: PanelStandin = await startPanelStandin({ prefix: '/panel' })
    cleanups.push(() => panel.close())
    const { dispatcher: d, vault, opened } = setup()
    const outputs: unknown[] = []
    const call = async <T = Record<string, unknown>>(m: string, i: unknown): Promise<T> => {
      const out = await ok<T>(d, m, i)
      outputs.push(out)
      return out
    }
    const panelUrl = `${panel.origin}/panel/`

    const bad = await d.call('panel:set-api-key', { panelUrl, apiKey: 'short' })
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'panel.key-malformed', field: 'apiKey' })
    expect(await call('panel:api-key-state', { panelUrl })).toEqual({ panel_url: `${panel.origin}/panel`, api_key_set: false })
    expect(await call('panel:set-api-key', { panelUrl, apiKey: ` ${panel.apiKey}\n` })).toEqual({
      panel_url: `${panel.origin}/panel`,
      api_key_set: true
    })
    expect(await vault.get(`panel-api-key/${panel.origin}/panel`)).toBe(panel.apiKey)

    const check = await call<{ app_url: string }>('panel:check', { panelUrl })
    expect(check.app_url).toBe(`${panel.origin}/panel`)

    const draftId = 'draft-1'
    await vault.set(`client-secret/${draftId}`, SECRET)
    const config = {
      ...emptyProviderConfig(),
      name: 'Company IdP',
      client_id: 'basic-client',
      auth_url: 'x',
      token_url: 'y',
      info_url: 'z'
    }

    const plan = await call<{ action: string; fingerprint: string; preview: { body: Record<string, unknown> } }>('panel:plan', {
      panelUrl,
      draftId,
      config: {
        ...config,
        auth_url: 'https://id.example.com/auth',
        token_url: 'https://id.example.com/token',
        info_url: 'https://id.example.com/me'
      }
    })
    expect(plan.action).toBe('create')
    expect(plan.preview.body.client_secret).toBe('••••••••')
    const stale = await d.call('panel:push', {
      panelUrl,
      draftId,
      fingerprint: 'not-the-plan',
      config: {
        ...config,
        auth_url: 'https://id.example.com/auth',
        token_url: 'https://id.example.com/token',
        info_url: 'https://id.example.com/me'
      }
    })
    expect(stale.ok ? null : stale.error.code).toBe('panel.plan-changed')
    const pushed = await call<{ uuid: string; redirect_url: string; app_url: string }>('panel:push', {
      panelUrl,
      draftId,
      fingerprint: plan.fingerprint,
      config: {
        ...config,
        auth_url: 'https://id.example.com/auth',
        token_url: 'https://id.example.com/token',
        info_url: 'https://id.example.com/me'
      }
    })
    expect(panel.providers.get(pushed.uuid)!.client_secret).toBe(SECRET)

    // The redirect URL exists only after creation: the provider side is registered now,
    // and the panel's provider pointed at it (an update of three fields).
    const idp = await startIdp({ clients: [basicClient(pushed.redirect_url)] })
    cleanups.push(() => idp.close())
    const real = { ...config, auth_url: idp.authUrl, token_url: idp.tokenUrl, info_url: idp.userinfoUrl }
    const replan = await call<{ action: string; fingerprint: string; changes: Array<{ field: string }> }>('panel:plan', {
      panelUrl,
      draftId,
      config: real
    })
    expect(replan.action).toBe('update')
    expect(replan.changes.map((c) => c.field)).toEqual(['auth_url', 'token_url', 'info_url'])
    await call('panel:push', { panelUrl, draftId, config: real, fingerprint: replan.fingerprint })

    const v = await call<{
      status: string
      verified: boolean
      redirect: { ok: boolean; authorization_url: string; redirect_url: string }
      preflight: { outcome: string }
      problems: string[]
    }>('panel:verify-login', { panelUrl, uuid: pushed.uuid, config: real })
    expect(v.problems).toEqual([])
    expect(v).toMatchObject({ status: 'verified', verified: true, redirect: { ok: true, redirect_url: pushed.redirect_url } })
    expect(new URL(v.redirect.authorization_url).origin).toBe(new URL(idp.authUrl).origin)
    expect(v.preflight.outcome).toBe('login-page')

    const open = await call<{ url: string; opened: boolean }>('panel:open-login', { appUrl: pushed.app_url, uuid: pushed.uuid })
    expect(open).toEqual({ url: `${panel.origin}/panel/api/auth/oauth/redirect/${pushed.uuid}`, opened: true })
    expect(opened).toEqual([open.url])

    const all = JSON.stringify(outputs)
    expect(all).not.toContain(SECRET)
    expect(all).not.toContain(panel.apiKey)
  })

  it('says which field is missing its secret: no key stored, no client secret for a new provider', async () => {
    const panel = await startPanelStandin()
    cleanups.push(() => panel.close())
    const { dispatcher: d } = setup()
    const noKey = await d.call('panel:check', { panelUrl: panel.url })
    expect(noKey.ok ? null : noKey.error).toMatchObject({ code: 'panel.key-missing', field: 'apiKey' })
    await ok(d, 'panel:set-api-key', { panelUrl: panel.url, apiKey: panel.apiKey })
    const config = {
      ...emptyProviderConfig(),
      name: 'X',
      client_id: 'cid',
      auth_url: 'https://a/x',
      token_url: 'https://a/t',
      info_url: 'https://a/i'
    }
    const noSecret = await d.call('panel:plan', { panelUrl: panel.url, draftId: 'nothing-stored', config })
    expect(noSecret.ok ? null : noSecret.error).toMatchObject({ code: 'panel.invalid-config', field: 'client_secret' })
  })
})
