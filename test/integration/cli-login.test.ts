import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { basicClient, completeLogin, freePort, startIdp, type Idp } from '../support/oidc-idp'
import { runCliInProcess } from '../support/run-cli'

/** `login` on the command line: secret from the environment, URL on stderr, raw userinfo on stdout. */
describe('cli login', () => {
  let idp: Idp | undefined
  let dir: string | undefined
  afterEach(async () => {
    await idp?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
    idp = undefined
  })

  async function run(
    args: string[],
    env: Record<string, string>,
    onOpen: (url: string) => void
  ): Promise<{ code: number; out: string; err: string }> {
    const r = await runCliInProcess(args, {
      env,
      onStderr: (t) => {
        const m = /^Open: (\S+)$/m.exec(t)
        if (m) onOpen(m[1]!)
      }
    })
    return { code: r.code, out: r.stdout, err: r.stderr }
  }

  it('prints Open: on stderr and the userinfo text exactly as received on stdout', async () => {
    const port = await freePort()
    const client = basicClient(`http://127.0.0.1:${port}/callback`)
    // Key order and a 64-bit integer JavaScript can't hold: both must survive to stdout.
    const raw = '{"sub":"jane","2":"two","1":"one","big":12345678901234567890,"f":3.0}'
    idp = await startIdp({ clients: [client], rewrite: { userinfo: () => ({ body: raw }) } })
    dir = mkdtempSync(join(tmpdir(), 'cli-login-'))
    const file = join(dir, 'config.json')
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Test',
        description: null,
        client_id: client.client_id,
        auth_url: idp.authUrl,
        token_url: idp.tokenUrl,
        info_url: idp.userinfoUrl,
        scopes: ['openid', 'profile', 'email'],
        identifier_path: '$.sub',
        email_path: null,
        username_path: null,
        name_first_path: null,
        name_last_path: null,
        enabled: true,
        login_only: false,
        login_bypass_2fa: false,
        link_viewable: true,
        user_manageable: true,
        basic_auth: true
      })
    )
    let login: Promise<unknown> = Promise.resolve()
    const r = await run(
      ['login', '--config', file, '--port', String(port), '--no-open', '--json', '--client-secret-env', 'MY_SECRET'],
      { MY_SECRET: client.client_secret! },
      (url) => {
        login = completeLogin(url)
      }
    )
    await login
    expect(r.err).toContain(`Open: ${idp.authUrl}?response_type=code&client_id=basic-client&state=`)
    expect(r.code).toBe(0)
    expect(r.out).toContain(`"userinfo": ${raw}`)
    const parsed = JSON.parse(r.out) as Record<string, unknown>
    expect(Object.keys(parsed)).toEqual(['userinfo', 'id_token_claims', 'token_endpoint_auth', 'basic_auth', 'warnings'])
    expect(parsed.token_endpoint_auth).toBe('client_secret_basic')
    expect((parsed.id_token_claims as { sub: string }).sub).toBe('jane')
    const accessToken = (JSON.parse(idp.requests('token')[0]!.responseBody!) as { access_token: string }).access_token
    for (const text of [r.out, r.err]) {
      expect(text).not.toContain(client.client_secret!)
      expect(text).not.toContain(accessToken)
    }
  })

  it('refuses to run without a secret in the environment, and never takes one from argv', async () => {
    const r = await run(['login', '--config', 'x.json', 'my-secret'], {}, () => {})
    expect(r.code).toBe(2)
    expect(r.err).toContain('never from the command line')
  })
})
