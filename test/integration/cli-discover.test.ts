import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { closedPort, sendJson, sendText, startRouteServer, type RouteServer } from '../support/route-server'
import { runCliInProcess } from '../support/run-cli'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const WK = '/.well-known/openid-configuration'
/** The keys `discover --json` prints, in this order (README, Command line). */
const KEYS = [
  'issuer',
  'auth_url',
  'token_url',
  'info_url',
  'claims_supported',
  'scopes_supported',
  'token_endpoint_auth_methods_supported',
  'code_challenge_methods_supported',
  'basic_auth',
  'warnings'
]

let srv: RouteServer

function doc(name: string): Record<string, unknown> {
  const text = readFileSync(join(root, 'test', 'fixtures', 'discovery', name), 'utf8')
    .replaceAll('{{ORIGIN}}', srv.origin)
    .replaceAll('{{OTHER_1}}', `http://127.0.0.2:${srv.port}`)
    .replaceAll('{{OTHER_2}}', `http://127.0.0.3:${srv.port}`)
    .replaceAll('{{LOCALHOST}}', `http://localhost:${srv.port}`)
  return JSON.parse(text) as Record<string, unknown>
}

interface Run {
  code: number
  stdout: string
  stderr: string
}

function cli(...argv: string[]): Promise<Run> {
  return runCliInProcess(argv)
}

/** stdout must be exactly one JSON object and nothing else. */
function onlyJsonObject(stdout: string): Record<string, unknown> {
  const value: unknown = JSON.parse(stdout)
  expect(value).toBeTypeOf('object')
  expect(Array.isArray(value)).toBe(false)
  expect(stdout.trimStart().startsWith('{')).toBe(true)
  expect(stdout.trimEnd().endsWith('}')).toBe(true)
  return value as Record<string, unknown>
}

beforeAll(async () => {
  srv = await startRouteServer()
})
afterAll(async () => {
  await srv.close()
})
beforeEach(() => srv.reset())

describe('discover <url> --json (in process)', () => {
  it('prints exactly one JSON object with the ten keys, in order; nothing on stderr; exit 0', async () => {
    srv.route(`/realms/main${WK}`, sendJson(doc('keycloak-realm.json')))
    const r = await cli('discover', `${srv.origin}/realms/main`, '--json')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const out = onlyJsonObject(r.stdout)
    expect(Object.keys(out)).toEqual(KEYS)
    expect(out).toMatchObject({
      issuer: `${srv.origin}/realms/main`,
      auth_url: `${srv.origin}/realms/main/protocol/openid-connect/auth`,
      token_url: `${srv.origin}/realms/main/protocol/openid-connect/token`,
      info_url: `${srv.origin}/realms/main/protocol/openid-connect/userinfo`,
      code_challenge_methods_supported: ['plain', 'S256'],
      basic_auth: false,
      warnings: []
    })
    expect(out.claims_supported).toContain('email')
    expect(out.scopes_supported).toContain('openid')
  })

  it('lists the provider does not publish are null; basic_auth is a boolean; warnings are strings', async () => {
    srv.route(WK, sendJson({ ...doc('pocket-id.json'), claims_supported: undefined, scopes_supported: undefined }))
    const r = await cli('discover', srv.origin, '--json')
    expect(r.code).toBe(0)
    const out = onlyJsonObject(r.stdout)
    expect(out).toMatchObject({
      claims_supported: null,
      scopes_supported: null,
      token_endpoint_auth_methods_supported: null,
      code_challenge_methods_supported: null,
      basic_auth: true
    })
    expect(out.warnings).toEqual([
      'info: The provider does not publish scopes_supported; choose scopes from its documentation.',
      expect.stringMatching(/^warning: The provider does not publish claims_supported/)
    ])
  })

  it('warnings only (Google-like hosts): exit 0', async () => {
    srv.route(WK, sendJson(doc('google.json')))
    const r = await cli('discover', srv.origin, '--json')
    expect(r.code).toBe(0)
    const out = onlyJsonObject(r.stdout)
    expect(out.warnings).toHaveLength(2)
    for (const w of out.warnings as string[]) expect(w).toMatch(/^warning: /)
  })

  it('a document with an error-severity finding: the JSON is still printed, exit 1', async () => {
    srv.route(WK, sendJson({ ...doc('pocket-id.json'), userinfo_endpoint: undefined }))
    const r = await cli('discover', srv.origin, '--json')
    expect(r.code).toBe(1)
    const out = onlyJsonObject(r.stdout)
    expect(out.info_url).toBeNull()
    expect(out.warnings).toContainEqual(expect.stringMatching(/^error: The provider publishes no userinfo_endpoint/))
  })

  it('a failure prints nothing on stdout and the message, hint and evidence on stderr; exit 1', async () => {
    srv.route(WK, sendText('upstream exploded', 502))
    const r = await cli('discover', srv.origin, '--json')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`error: The provider answered 502 Bad Gateway for ${srv.url(WK)}.`)
    expect(r.stderr).toContain('hint: ')
    expect(r.stderr).toContain('status: 502')
    expect(r.stderr).toContain('body: upstream exploded')
  })

  it('connection refused: exit 1 with the network error on stderr', async () => {
    const port = await closedPort()
    const r = await cli('discover', `http://127.0.0.1:${port}`, '--json')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`could not be reached (ECONNREFUSED)`)
  })

  it('--timeout is honoured (seconds)', async () => {
    srv.route(WK, () => {
      /* never answers */
    })
    const r = await cli('discover', srv.origin, '--json', '--timeout', '0.2')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('did not answer within 200 ms')
  })

  it('garbage input is a failure (exit 1), not a crash', async () => {
    const r = await cli('discover', 'not a url', '--json')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('is not a web address')
  })

  it.each([
    [['discover']],
    [['discover', 'a.example', 'b.example', '--json']],
    [['discover', 'a.example', '--bogus']],
    [['discover', 'a.example', '--timeout', 'soon']],
    [['discover', 'a.example', '--timeout', '-1']]
  ])('usage error %j: exit 2, usage on stderr, stdout empty', async (argv) => {
    const r = await cli(...argv)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('usage: discover <url>')
    expect(srv.requests).toEqual([])
  })

  it('without --json: a readable summary on stdout', async () => {
    srv.route(WK, sendJson(doc('pocket-id.json')))
    const r = await cli('discover', srv.origin)
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain(`Auth URL       ${srv.origin}/authorize`)
    expect(r.stdout).toContain(`Info URL       ${srv.origin}/api/oidc/userinfo`)
    expect(r.stdout).toMatch(/Basic Auth\s+on \(/)
    expect(() => JSON.parse(r.stdout)).toThrow()
  })
})

describe('discover as a real subprocess (npx tsx, no build step)', () => {
  function runProcess(args: string[]): Promise<Run> {
    return new Promise((resolve) => {
      execFile(
        'npx',
        ['tsx', 'src/cli/main.ts', ...args],
        { cwd: root, timeout: 15_000, env: { ...process.env, NO_COLOR: '1' } },
        (err, stdout, stderr) => {
          const code = err ? ((err as { code?: unknown }).code as number) : 0
          resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr })
        }
      )
    })
  }

  it('prints the one JSON object on stdout and exits 0', async () => {
    srv.route(`/application/o/calagopus${WK}`, sendJson(doc('authentik-application.json')))
    const r = await runProcess(['discover', `${srv.origin}/application/o/calagopus/`, '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = onlyJsonObject(r.stdout)
    expect(Object.keys(out)).toEqual(KEYS)
    expect(out.token_url).toBe(`${srv.origin}/application/o/token/`)
  })

  it('a failure exits 1 with stdout empty and the message on stderr', async () => {
    const port = await closedPort()
    const r = await runProcess(['discover', `http://127.0.0.1:${port}`, '--json'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`error: The provider at 127.0.0.1:${port} could not be reached (ECONNREFUSED).`)
  })
})
