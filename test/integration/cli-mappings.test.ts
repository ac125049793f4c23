import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { emptyProviderConfig } from '../../src/shared/provider'
import { startPanelStandin, type PanelStandin } from '../support/panel-standin'
import { runCliInProcess, type CliRun } from '../support/run-cli'

const SECRET = 'cli-client-secret-91ab'
const ROLE = '6f1b2c3d-1111-2222-3333-444455556666'
const SERVER = '0a0b0c0d-aaaa-bbbb-cccc-ddddeeeeffff'

let dir: string
let idp: string
const cleanups: Array<() => Promise<void>> = []
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-mappings-'))
  const srv = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<html><head><title>Sign in</title></head><body><form method="post"><input type="password" name="p"></form></body></html>')
  })
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
  idp = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`
  cleanups.push(() => new Promise<void>((r) => (srv.closeAllConnections(), srv.close(() => r()))))
})
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
  await rm(dir, { recursive: true, force: true })
})

function cli(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCliInProcess(argv, { env })
}

async function file(name: string, value: unknown): Promise<string> {
  const p = join(dir, name)
  await writeFile(p, typeof value === 'string' ? value : JSON.stringify(value))
  return p
}

const MAPPINGS = [
  {
    matcher: {
      type: 'and',
      matchers: [
        { type: 'field_equals', path: '$.groups[*]', equals: 'ops' },
        { type: 'scopes', scopes: ['groups'] }
      ]
    },
    mapping: { type: 'role', role_uuid: ROLE.toUpperCase() }
  },
  {
    matcher: { type: 'field_contains', path: '$.groups', contains: 'dev' },
    mapping: { type: 'server_subuser', server_uuid: SERVER, permissions: ['control.console'], ignored_files: [], revoke_unmatched: true }
  }
]

describe('cli mappings test', () => {
  it('prints validity, each mapping with its explanation, and the outcome for a new user', async () => {
    const config = await file('config.json', { mappings: MAPPINGS })
    const userinfo = await file('userinfo.json', { sub: '1', groups: ['ops', 'dev'] })
    const r = await cli(['mappings', 'test', '--config', config, '--file', userinfo, '--granted-scope', 'openid groups', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out)).toEqual(['valid', 'problems', 'mappings', 'outcome'])
    expect(out.valid).toBe(true)
    expect(out.problems).toEqual([])
    expect(out.mappings.map((m: { matched: boolean }) => m.matched)).toEqual([true, true])
    expect(out.mappings[1].explanation).toBe('Matches: `$[\'groups\']` is the array `["ops","dev"]`, which has an element equal to "dev".')
    expect(out.outcome).toEqual({
      role_uuid: ROLE,
      servers: [{ server_uuid: SERVER, action: 'add_or_update', permissions: ['control.console'] }]
    })
    expect(r.stderr).toMatch(/revoke_unmatched deletes/)
  })

  it('without --granted-scope the scopes test fails, as when the token response has no scope', async () => {
    const config = await file('config.json', { mappings: MAPPINGS })
    const userinfo = await file('userinfo.json', { sub: '1', groups: ['ops'] })
    const out = JSON.parse((await cli(['mappings', 'test', '--config', config, '--file', userinfo, '--json'])).stdout)
    expect(out.mappings[0]).toEqual({
      matched: false,
      explanation: 'No match: test 2 of the `and` fails: the granted scopes lack `groups`.'
    })
    expect(out.outcome).toEqual({ role_uuid: null, servers: [] })
  })

  it('exits 1 with the panel’s messages when a mapping is invalid', async () => {
    const bad = [{ matcher: { type: 'field_equals', path: '$.x', value: 'a' }, mapping: { type: 'role', role_uuid: ROLE } }, MAPPINGS[1]]
    const config = await file('config.json', { mappings: bad })
    const userinfo = await file('userinfo.json', '{"groups":["dev"]}')
    const r = await cli(['mappings', 'test', '--config', config, '--file', userinfo, '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(out.valid).toBe(false)
    expect(out.problems).toEqual(['mappings[0]: invalid payload: missing field `equals` at line 1 column 59'])
    expect(out.mappings[0].matched).toBe(false)
    expect(out.mappings[1].matched).toBe(true)
  })
})

describe('cli push with mappings', () => {
  let s: PanelStandin
  beforeEach(async () => {
    s = await startPanelStandin()
    cleanups.push(() => s.close())
  })
  const config = (mappings: unknown) =>
    file('provider.json', {
      ...emptyProviderConfig(),
      name: 'Company',
      client_id: 'calagopus-panel',
      auth_url: `${idp}/authorize`,
      token_url: `${idp}/token`,
      info_url: `${idp}/userinfo`,
      mappings
    })

  it('shows the mapping diff first, creates them, and a second push sends nothing', async () => {
    const env = { CALAGOPUS_API_KEY: s.apiKey, CALAGOPUS_CLIENT_SECRET: SECRET }
    const cfg = await config(MAPPINGS)
    const plan = await cli(['push', '--config', cfg, '--panel', s.url], env)
    expect(plan.code).toBe(3)
    expect(plan.stdout.indexOf('Mappings: 2 to create')).toBe(0)
    expect(s.writes()).toHaveLength(0)

    const first = JSON.parse((await cli(['push', '--config', cfg, '--panel', s.url, '--yes', '--json'], env)).stdout)
    expect(first.mappings).toEqual({ created: 2, updated: 0, deleted: 0, unchanged: 0 })
    const stored = s.mappingsOf(first.uuid)
    expect(stored.map((m) => m.mapping)).toEqual([
      { type: 'role', role_uuid: ROLE, revoke_unmatched: false },
      { type: 'server_subuser', server_uuid: SERVER, permissions: ['control.console'], ignored_files: [], revoke_unmatched: true }
    ])
    const writes = s.writes().length
    const second = JSON.parse((await cli(['push', '--config', cfg, '--panel', s.url, '--yes', '--json'], env)).stdout)
    expect(second).toMatchObject({ action: 'unchanged', mappings: { created: 0, updated: 0, deleted: 0, unchanged: 2 } })
    expect(s.writes().length).toBe(writes)

    // An edit in the panel (a mapping added by hand) is undone: the panel ends with exactly the draft's.
    s.mappingState.mappings.push({
      uuid: crypto.randomUUID(),
      provider: first.uuid,
      matcher: { type: 'none' },
      mapping: stored[0]!.mapping,
      created: '2999-01-01T00:00:00.000Z'
    })
    const third = JSON.parse((await cli(['push', '--config', cfg, '--panel', s.url, '--yes', '--json'], env)).stdout)
    expect(third.mappings).toEqual({ created: 0, updated: 0, deleted: 1, unchanged: 2 })
    expect(third.problems).toEqual([])
  })

  it('refuses invalid mappings before sending anything', async () => {
    const env = { CALAGOPUS_API_KEY: s.apiKey, CALAGOPUS_CLIENT_SECRET: SECRET }
    const cfg = await config([
      {
        matcher: { type: 'none' },
        mapping: { type: 'server_subuser', server_uuid: SERVER, permissions: ['files.nope'], ignored_files: [] }
      }
    ])
    const r = await cli(['push', '--config', cfg, '--panel', s.url, '--yes', '--json'], env)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/invalid permission: files\.nope/)
    expect(s.writes()).toHaveLength(0)
  })

  it('a config without mappings leaves the panel’s alone', async () => {
    const env = { CALAGOPUS_API_KEY: s.apiKey, CALAGOPUS_CLIENT_SECRET: SECRET }
    const cfg = await config(undefined)
    const out = JSON.parse((await cli(['push', '--config', cfg, '--panel', s.url, '--yes', '--json'], env)).stdout)
    expect(out.mappings).toBeNull()
    expect(s.writes().filter((w) => w.path.includes('/mappings'))).toHaveLength(0)
  })
})

describe('cli mappings test on a userinfo that is not JSON', () => {
  it('says the login fails before any mapping runs', async () => {
    const config = await file('config.json', { mappings: MAPPINGS })
    const userinfo = await file('userinfo.json', '{"groups":')
    const r = await cli(['mappings', 'test', '--config', config, '--file', userinfo, '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.mappings[0]).toEqual({
      matched: false,
      explanation:
        'Not run: the userinfo is not JSON (EOF while parsing a value at line 1 column 10), so the panel’s login fails before any mapping runs.'
    })
  })
})
