import { execFile } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/core/handlers'
import { storeApiKey } from '../../src/core/panel/api-key'
import { normalizePanelUrl } from '../../src/core/panel/panel-url'
import { Dispatcher } from '../../src/core/rpc/dispatcher'
import { MemoryVault } from '../../src/core/vault/memory-vault'
import { clientSecretKey } from '../../src/core/vault/vault'
import type { Input, Method, Output } from '../../src/shared/api'
import { emptyProviderConfig } from '../../src/shared/provider'
import { basicClient, startIdp } from '../support/oidc-idp'
import { makeApiKey, startPanelStandin, type PanelStandin } from '../support/panel-standin'
import { runCliInProcess, type CliRun } from '../support/run-cli'

const SECRET = 'cli-client-secret-91ab'

let dir: string
/** A provider on loopback that shows a login form: tests never reach beyond 127.0.0.1. */
let provider: string
const cleanups: Array<() => Promise<void>> = []
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-push-'))
  const srv = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(
      '<html><head><title>Sign in</title></head><body><form method="post"><input name="username"><input type="password" name="password"></form></body></html>'
    )
  })
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
  provider = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`
  cleanups.push(() => new Promise<void>((r) => (srv.closeAllConnections(), srv.close(() => r()))))
})
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
  await rm(dir, { recursive: true, force: true })
})

async function standin(opts: Parameters<typeof startPanelStandin>[0] = {}): Promise<PanelStandin> {
  const s = await startPanelStandin(opts)
  cleanups.push(() => s.close())
  return s
}

/** The dispatcher as the GUI's transports reach it, with the secrets the GUI would have put in its vault. */
async function startPanelGuiClient(s: PanelStandin): Promise<{ call<M extends Method>(m: M, i: Input<M>): Promise<Output<M>> }> {
  const vault = new MemoryVault()
  await storeApiKey(vault, normalizePanelUrl(s.url), s.apiKey)
  await vault.set(clientSecretKey('d1'), SECRET)
  const d = new Dispatcher(createHandlers({ mode: 'web', version: 'test', dataDir: dir, openExternal: async () => false, vault }))
  return {
    async call(m, i) {
      const r = await d.call(m, i)
      if (!r.ok) throw new Error(r.error.message)
      return r.data as never
    }
  }
}

async function configFile(over: Record<string, unknown> = {}): Promise<string> {
  const file = join(dir, 'config.json')
  const cfg = {
    ...emptyProviderConfig(),
    name: 'Pocket ID',
    client_id: 'calagopus-panel',
    auth_url: `${provider}/authorize`,
    token_url: `${provider}/api/oidc/token`,
    info_url: `${provider}/api/oidc/userinfo`,
    ...over
  }
  await writeFile(file, JSON.stringify(cfg))
  return file
}

function cli(argv: string[], env: Record<string, string>): Promise<CliRun> {
  return runCliInProcess(argv, { env })
}

describe('cli push', () => {
  it('prints the plan and exits 3 without sending when --yes is missing', async () => {
    const s = await standin()
    const file = await configFile()
    const r = await cli(['push', '--config', file, '--panel', s.url, '--json'], {
      CALAGOPUS_API_KEY: s.apiKey,
      CALAGOPUS_CLIENT_SECRET: SECRET
    })
    expect(r.code).toBe(3)
    const plan = JSON.parse(r.stdout)
    expect(plan.action).toBe('create')
    expect(plan.request.body.client_secret).toBe('••••••••')
    expect(r.stdout + r.stderr).not.toContain(SECRET)
    expect(r.stdout + r.stderr).not.toContain(s.apiKey)
    expect(s.writes()).toHaveLength(0)
  })

  it('creates, then reports unchanged, then updates only what differs', async () => {
    const s = await standin()
    const env = { CALAGOPUS_API_KEY: s.apiKey, CALAGOPUS_CLIENT_SECRET: SECRET }
    const file = await configFile()
    const created = await cli(['push', '--config', file, '--panel', s.url, '--yes', '--json'], env)
    expect(created.stderr).not.toContain(SECRET)
    const out = JSON.parse(created.stdout)
    // The README's fields come first; the contract's output may add more, never rename them.
    expect(Object.keys(out).slice(0, 5)).toEqual(['uuid', 'action', 'redirect_url', 'verified', 'problems'])
    expect(out.verification).toMatchObject({ status: 'verified', rate_limit: { tries_left: 4, source: 'estimate' } })
    expect(out).toMatchObject({ action: 'created', redirect_url: `${s.url}/api/auth/oauth/${out.uuid}`, verified: true, problems: [] })
    expect(created.stderr).toContain('provider: The provider shows its login page')
    expect(s.providers.get(out.uuid)!.client_secret).toBe(SECRET)

    const same = JSON.parse((await cli(['push', '--config', file, '--panel', s.url, '--yes', '--json'], env)).stdout)
    expect(same).toMatchObject({ uuid: out.uuid, action: 'unchanged', verified: true })

    const changed = await configFile({ scopes: ['openid', 'email'] })
    const upd = JSON.parse((await cli(['push', '--config', changed, '--panel', s.url, '--yes', '--json'], env)).stdout)
    expect(upd).toMatchObject({ uuid: out.uuid, action: 'updated' })
    const patches = s.writes().filter((w) => w.method === 'PATCH')
    expect(patches.map((p) => JSON.parse(p.body))).toEqual([{ scopes: ['openid', 'email'] }])
  })

  it('with --create-only refuses to touch an existing provider', async () => {
    const s = await standin()
    s.seed({ name: 'Pocket ID' })
    const r = await cli(['push', '--config', await configFile(), '--panel', s.url, '--create-only', '--yes', '--json'], {
      CALAGOPUS_API_KEY: s.apiKey,
      CALAGOPUS_CLIENT_SECRET: SECRET
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('--create-only')
    expect(s.writes()).toHaveLength(0)
  })

  it('reads the key and the secret from the variables named by --api-key-env and --client-secret-env', async () => {
    const s = await standin({ prefix: '/panel' })
    const r = await cli(
      [
        'push',
        '--config',
        await configFile(),
        '--panel',
        `${s.origin}/panel`,
        '--api-key-env',
        'MY_KEY',
        '--client-secret-env',
        'MY_SECRET',
        '--yes',
        '--json'
      ],
      { MY_KEY: s.apiKey, MY_SECRET: 'other-secret-123' }
    )
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(s.providers.get(out.uuid)!.client_secret).toBe('other-secret-123')
  })

  it('fails clearly on a missing or malformed key, before any request', async () => {
    const s = await standin()
    const file = await configFile()
    const missing = await cli(['push', '--config', file, '--panel', s.url, '--yes'], { CALAGOPUS_CLIENT_SECRET: SECRET })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('CALAGOPUS_API_KEY')
    const short = await cli(['push', '--config', file, '--panel', s.url, '--yes'], {
      CALAGOPUS_API_KEY: 'abc',
      CALAGOPUS_CLIENT_SECRET: SECRET
    })
    expect(short.code).toBe(1)
    expect(short.stderr).toContain('exactly 48')
    expect(s.requests).toHaveLength(0)
    const refused = await cli(['push', '--config', file, '--panel', s.url, '--yes'], {
      CALAGOPUS_API_KEY: makeApiKey(),
      CALAGOPUS_CLIENT_SECRET: SECRET
    })
    expect(refused.stderr).toContain('invalid api key')
  })

  it('does not verify a disabled provider (the panel has no login for it) and says so', async () => {
    const s = await standin()
    const r = await cli(['push', '--config', await configFile({ enabled: false }), '--panel', s.url, '--yes', '--json'], {
      CALAGOPUS_API_KEY: s.apiKey,
      CALAGOPUS_CLIENT_SECRET: SECRET
    })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'created', verified: false, problems: [] })
    expect(r.stderr).toContain('disabled')
    expect(s.requests.filter((q) => q.path.startsWith('/api/auth/oauth/redirect/'))).toHaveLength(0)
  })

  it('agrees with the GUI’s contract call on a disabled provider: pushed, not verified, no problem, no redirect request', async () => {
    const s = await standin()
    const env = { CALAGOPUS_API_KEY: s.apiKey, CALAGOPUS_CLIENT_SECRET: SECRET }
    const file = await configFile({ enabled: false })
    const cliOut = JSON.parse((await cli(['push', '--config', file, '--panel', s.url, '--yes', '--json'], env)).stdout)

    // The GUI's path: the renderer's store calls exactly these two methods through a transport to the dispatcher.
    const gui = await startPanelGuiClient(s)
    const cfg = JSON.parse(await readFile(file, 'utf8'))
    const plan = await gui.call('panel:plan', { panelUrl: s.url, draftId: 'd1', config: { ...cfg, name: 'Pocket ID 2' } })
    const guiOut = await gui.call('panel:push-and-verify', {
      panelUrl: s.url,
      draftId: 'd1',
      config: { ...cfg, name: 'Pocket ID 2' },
      fingerprint: plan.fingerprint
    })
    for (const out of [cliOut, guiOut]) {
      expect(out).toMatchObject({ action: 'created', verified: false, problems: [] })
      expect(out.verification).toMatchObject({ status: 'skipped-disabled', verified: false, redirect: null, problems: [] })
      expect(out.verification.notes[0]).toContain('disabled')
    }
    expect(cliOut.verification).toEqual(guiOut.verification)
    expect(s.requests.filter((q) => q.path.startsWith('/api/auth/oauth/redirect/'))).toHaveLength(0)
  })

  it('verifies with one login-redirect request, never retries, and says how many tries are left', async () => {
    const s = await standin()
    const env = { CALAGOPUS_API_KEY: s.apiKey, CALAGOPUS_CLIENT_SECRET: SECRET }
    const file = await configFile()
    const redirects = (): number => s.requests.filter((q) => q.path.startsWith('/api/auth/oauth/redirect/')).length
    const first = await cli(['push', '--config', file, '--panel', s.url, '--yes', '--json'], env)
    expect(redirects()).toBe(1)
    expect(first.stderr).toMatch(/at most 4 left/)
    // Four more verifications spend the panel's five tries; the sixth request is refused with its headers.
    for (let i = 0; i < 4; i++) await cli(['push', '--config', file, '--panel', s.url, '--yes', '--json'], env)
    const refused = await cli(['push', '--config', file, '--panel', s.url, '--yes', '--json'], env)
    expect(redirects()).toBe(6)
    expect(refused.code).toBe(1)
    const out = JSON.parse(refused.stdout)
    expect(out.verification).toMatchObject({ status: 'rate-limited', verified: false, rate_limit: { tries_left: 0, source: 'panel' } })
    expect(out.verification.rate_limit.retry_after_seconds).toBeGreaterThan(0)
    expect(out.problems.join(' ')).toMatch(/nothing was retried/)
  })

  it('the GUI’s “check again” spends one login redirect each time, and the count of tries left goes down', async () => {
    const s = await standin()
    const gui = await startPanelGuiClient(s)
    const cfg = JSON.parse(await readFile(await configFile(), 'utf8'))
    const plan = await gui.call('panel:plan', { panelUrl: s.url, draftId: 'd1', config: cfg })
    const pushed = await gui.call('panel:push-and-verify', { panelUrl: s.url, draftId: 'd1', config: cfg, fingerprint: plan.fingerprint })
    const left = [pushed.verification.rate_limit!.tries_left]
    for (let i = 0; i < 4; i++) {
      const v = await gui.call('panel:verify-login', { panelUrl: s.url, uuid: pushed.uuid, config: cfg, appUrl: pushed.app_url })
      left.push(v.rate_limit!.tries_left)
    }
    expect(left).toEqual([4, 3, 2, 1, 0])
    const sixth = await gui.call('panel:verify-login', { panelUrl: s.url, uuid: pushed.uuid, config: cfg, appUrl: pushed.app_url })
    expect(sixth).toMatchObject({ status: 'rate-limited', verified: false, preflight: null })
    expect(sixth.rate_limit).toMatchObject({ tries_left: 0, source: 'panel', limit: 5, window_seconds: 300 })
    expect(s.requests.filter((q) => q.path.startsWith('/api/auth/oauth/redirect/'))).toHaveLength(6)
  })

  it('says where the real login must start when the typed address is not app.url, and to use a private window', async () => {
    const s = await standin()
    s.appUrl = s.url.replace('127.0.0.1', 'localhost')
    const r = await cli(['push', '--config', await configFile(), '--panel', s.url, '--yes', '--json'], {
      CALAGOPUS_API_KEY: s.apiKey,
      CALAGOPUS_CLIENT_SECRET: SECRET
    })
    const v = JSON.parse(r.stdout).verification
    expect(v.login_url).toMatch(/^http:\/\/localhost:\d+\/api\/auth\/oauth\/redirect\//)
    expect(v.login_advice.join(' ')).toContain('private')
    expect(v.login_advice.join(' ')).toContain('oauth csrf state not found')
  })

  it('shows the redirect URL the panel sends when app.url ends with a slash, and warns about the admin page’s', async () => {
    const s = await standin()
    s.appUrl = `${s.url}/`
    const r = await cli(['push', '--config', await configFile(), '--panel', s.url, '--yes', '--json'], {
      CALAGOPUS_API_KEY: s.apiKey,
      CALAGOPUS_CLIENT_SECRET: SECRET
    })
    const out = JSON.parse(r.stdout)
    expect(out.redirect_url).toBe(`${s.url}/api/auth/oauth/${out.uuid}`)
    expect(out.verified).toBe(true)
    expect(r.stderr).toContain(`${s.url}//api/auth/oauth/`)
    expect(r.stderr).toContain('will not match')
  })

  it('is a usage error to pass a secret as an argument', async () => {
    const r = await cli(['push', '--config', 'x.json', '--panel', 'https://p', 'some-secret'], {})
    expect(r.code).toBe(2)
    expect(r.stderr).not.toContain('some-secret')
  })

  it('reports the provider’s refusal of the panel’s redirect URL as a problem', async () => {
    const s = await standin()
    const idp = await startIdp({ clients: [basicClient('https://elsewhere.example.com/cb')] })
    cleanups.push(() => idp.close())
    const file = await configFile({ client_id: 'basic-client', auth_url: idp.authUrl, token_url: idp.tokenUrl, info_url: idp.userinfoUrl })
    const r = await cli(['push', '--config', file, '--panel', s.url, '--yes', '--json'], {
      CALAGOPUS_API_KEY: s.apiKey,
      CALAGOPUS_CLIENT_SECRET: SECRET
    })
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(out.verified).toBe(true)
    expect(out.problems.join(' ')).toContain('invalid_redirect_uri')
  })
})

describe('push as a real subprocess (the prebuilt bundle, as `npm run cli` starts it)', () => {
  const root = resolve(import.meta.dirname, '..', '..')
  it('exits 3 with the plan on stdout without --yes, then 0 with the result; secrets only in the environment', async () => {
    const s = await standin()
    const file = await configFile()
    const run = (extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
      new Promise((done) => {
        execFile(
          process.execPath,
          ['scripts/run.mjs', 'cli', 'push', '--config', file, '--panel', s.url, '--json', ...extra],
          {
            cwd: root,
            timeout: 60_000,
            env: { ...process.env, NO_COLOR: '1', CALAGOPUS_API_KEY: s.apiKey, CALAGOPUS_CLIENT_SECRET: SECRET }
          },
          (err, stdout, stderr) => {
            const code = err ? (err as { code?: unknown }).code : 0
            done({ code: typeof code === 'number' ? code : -1, stdout, stderr })
          }
        )
      })
    const plan = await run([])
    expect(plan.code).toBe(3)
    expect(JSON.parse(plan.stdout).action).toBe('create')
    expect(s.writes()).toHaveLength(0)
    const done = await run(['--yes'])
    expect(done.code).toBe(0)
    expect(JSON.parse(done.stdout)).toMatchObject({ action: 'created', verified: true, problems: [] })
    expect(done.stdout + done.stderr + plan.stdout + plan.stderr).not.toContain(SECRET)
  })
})
