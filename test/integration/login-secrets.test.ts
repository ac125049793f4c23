import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHandlers } from '../../src/core/handlers'
import { Dispatcher } from '../../src/core/rpc/dispatcher'
import type { Services } from '../../src/core/services'
import { basicAuthorization } from '../../src/core/login/token-request'
import { SafeStorageVault } from '../../src/core/vault/safe-storage-vault'
import { emptyProviderConfig } from '../../src/shared/provider'
import { FakeSafeStorage, JsonFileStore } from '../support/fake-safe-storage'
import { basicClient, completeLogin, freePort, startIdp, type Idp } from '../support/oidc-idp'

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

/**
 * The whole path a secret takes in the app: typed once (vault:set), used by the core for
 * the token request, never seen again. After a full test login through the contract,
 * neither the vault's file, the draft file, any output crossing to the renderer, nor
 * anything written to the console holds the secret (or the tokens) in clear.
 */
describe('secrets after a full test login', () => {
  let idp: Idp | undefined
  let dir: string | undefined
  afterEach(async () => {
    vi.restoreAllMocks()
    await idp?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('are nowhere in clear: vault file, draft file, contract outputs, logs', async () => {
    const port = await freePort()
    const client = basicClient(`http://127.0.0.1:${port}/callback`)
    idp = await startIdp({ clients: [client] })
    dir = mkdtempSync(join(tmpdir(), 'secrets-'))
    const store = new JsonFileStore(join(dir, 'secrets.json'))
    let opened: string | null = null
    const services: Services = {
      mode: 'web',
      version: 'test',
      dataDir: dir,
      openExternal: async (url) => {
        opened = url
        return true
      },
      vault: new SafeStorageVault(new FakeSafeStorage(), store)
    }
    const logged: string[] = []
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
    }
    const d = new Dispatcher(createHandlers(services))
    const outputs: unknown[] = []
    const call = async (method: string, input: unknown): Promise<unknown> => {
      const r = await d.call(method, input)
      outputs.push(r)
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`)
      return r.data
    }
    const secretKey = 'client-secret/draft-0001'
    const config = {
      ...emptyProviderConfig(),
      name: 'Test',
      client_id: client.client_id,
      auth_url: idp.authUrl,
      token_url: idp.tokenUrl,
      info_url: idp.userinfoUrl,
      basic_auth: true
    }

    expect(await call('vault:set', { key: secretKey, value: client.client_secret })).toMatchObject({ kind: 'os-keychain', set: true })
    // A client_secret smuggled into the config is dropped by the contract, not used or echoed.
    const started = (await call('login:start', {
      config: { ...config, client_secret: 'smuggled-secret' },
      secretKey,
      port,
      timeoutMs: 15_000
    })) as { flowId: string; authorizationUrl: string; opened: boolean }
    expect(started.opened).toBe(true)
    expect(opened).toBe(started.authorizationUrl)
    const waiting = call('login:wait', { flowId: started.flowId })
    await completeLogin(started.authorizationUrl)
    const result = (await waiting) as { userinfo: { text: string } }
    expect(JSON.parse(result.userinfo.text).sub).toBe('jane')
    await call('drafts:save', {
      name: null,
      step: 'credentials',
      preset_id: null,
      placeholders: {},
      panel_url: null,
      config,
      userinfo: result.userinfo.text
    })

    const tokenBody = JSON.parse(idp.requests('token')[0]!.responseBody!) as { access_token: string; id_token: string }
    const needles = [client.client_secret!, tokenBody.access_token, tokenBody.id_token, 'smuggled-secret']
    const files = filesUnder(dir)
    expect(files.some((f) => f.endsWith('secrets.json'))).toBe(true)
    expect(files.some((f) => f.includes('drafts'))).toBe(true)
    const haystacks = [...files.map((f) => readFileSync(f, 'utf8')), JSON.stringify(outputs), ...logged]
    for (const needle of needles) for (const h of haystacks) expect(h).not.toContain(needle)
    // The token request used the vault's secret, not the smuggled one.
    expect(idp.requests('token')[0]!.headers.authorization).toBe(basicAuthorization(client.client_id, client.client_secret!))
    expect(idp.requests('token')).toHaveLength(1)
  })
})
