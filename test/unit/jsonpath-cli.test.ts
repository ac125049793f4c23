import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCliInProcess, type CliRun } from '../support/run-cli'

// CLI `eval` and `preview`: output shapes and exit codes.

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/userinfo/${name}.json`, import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'jsonpath-cli-'))

function cli(argv: string[], stdin = ''): Promise<CliRun> {
  return runCliInProcess(argv, { stdin })
}

function config(over: Record<string, unknown> = {}): string {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(
    file,
    JSON.stringify({
      name: 'GitHub',
      description: null,
      client_id: 'abc123',
      client_secret: 'xyz789',
      auth_url: 'https://github.com/login/oauth/authorize',
      token_url: 'https://github.com/login/oauth/access_token',
      info_url: 'https://api.github.com/user',
      scopes: ['read:user'],
      identifier_path: '$.id',
      email_path: '$.email',
      username_path: '$.name',
      name_first_path: null,
      name_last_path: null,
      enabled: true,
      login_only: false,
      login_bypass_2fa: false,
      link_viewable: true,
      user_manageable: true,
      basic_auth: false,
      ...over
    })
  )
  return file
}

describe('eval', () => {
  it('--json prints exactly valid, error, nodes, panel_value, problems', async () => {
    const r = await cli(['eval', '--path', '$.id', '--file', fixture('github'), '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out)).toEqual(['valid', 'error', 'nodes', 'panel_value', 'problems'])
    expect(out).toMatchObject({ valid: true, error: null, nodes: ['583231'], panel_value: '583231' })
  })

  it('reads the document from stdin and keeps document order and number text', async () => {
    const r = await cli(['eval', '--path', '$.*', '--json'], '{"b":3.0,"1":12345678901234567890}')
    const out = JSON.parse(r.stdout)
    expect(out.nodes).toEqual(['3.0', '12345678901234567890'])
    expect(out.panel_value).toBe('3.0')
  })

  it('--field username applies the 15-byte cut and the registration rule', async () => {
    const r = await cli(['eval', '--path', '$.name', '--field', 'username', '--file', fixture('github'), '--json'])
    const out = JSON.parse(r.stdout)
    expect(out.panel_value).toBe('The Octocat')
    expect(out.problems.join('\n')).toMatch(/does not match pattern/)
  })

  it('an invalid path: valid false, the error with its position, exit 1, and the legacy answer', async () => {
    const r = await cli(['eval', '--path', 'email', '--field', 'email', '--file', fixture('github'), '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({ valid: false, nodes: [], panel_value: null })
    expect(out.error).toMatch(/position 0/)
    expect(out.problems.join('\n')).toMatch(/jsonpath-plus\) accept this and give “octocat@github.com”/)
  })

  it('no match: panel_value null, exit 1', async () => {
    const r = await cli(['eval', '--path', '$.missing', '--file', fixture('google'), '--json'])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).panel_value).toBeNull()
  })

  it('an empty path for an optional field shows the generated value', async () => {
    const r = await cli(['eval', '--path', '', '--field', 'email', '--file', fixture('google'), '--json'])
    expect(JSON.parse(r.stdout).panel_value).toMatch(/^[A-Za-z0-9]{10}@oauth\.c7s\.rs$/)
  })

  it('an unreadable document is a failure with the reason', async () => {
    const r = await cli(['eval', '--path', '$.a', '--json'], '{"a": 1e400}')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/number out of range/)
  })

  it('usage errors exit 2', async () => {
    expect((await cli(['eval', '--file', fixture('google')])).code).toBe(2)
    expect((await cli(['eval', '--path', '$.a', '--field', 'nope'], '{}')).code).toBe(2)
  })
})

describe('preview', () => {
  it('--json prints the five values, registration_ok and problems', async () => {
    const r = await cli(['preview', '--config', config(), '--file', fixture('github'), '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out)).toEqual(['identifier', 'email', 'username', 'name_first', 'name_last', 'registration_ok', 'problems'])
    expect(out).toMatchObject({
      identifier: '583231',
      email: 'octocat@github.com',
      username: 'The Octocat',
      name_first: 'First',
      name_last: 'Last',
      registration_ok: false
    })
    expect(out.problems.join('\n')).toMatch(/username: .*does not match pattern/)
  })

  it('a working config exits 0', async () => {
    const r = await cli(['preview', '--config', config({ username_path: '$.login' }), '--file', fixture('github'), '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ username: 'octocat', registration_ok: true })
  })

  it('the text form names the fix', async () => {
    const r = await cli(['preview', '--config', config(), '--file', fixture('github')])
    expect(r.stdout).toMatch(/fix username: Use \$\.login: the panel would store “octocat”/)
  })

  it('a CONFIG.json that is not a provider record is refused field by field', async () => {
    const file = join(dir, 'bad.json')
    writeFileSync(file, JSON.stringify({ name: 'x', identifier_path: 5 }))
    const r = await cli(['preview', '--config', file, '--file', fixture('github')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/is not a provider record/)
    expect(r.stderr).toMatch(/identifier_path: Invalid input: expected string, received number/)
    expect(r.stderr).toMatch(/client_id: is missing/)
  })

  it('a config file that is not JSON', async () => {
    const file = join(dir, 'bad.txt')
    writeFileSync(file, 'name: x')
    const r = await cli(['preview', '--config', file, '--file', fixture('github')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/is not JSON/)
  })
})

describe('a userinfo body with a UTF-8 byte-order mark', () => {
  const bomFile = (): string => {
    const file = join(dir, `bom-${Math.random().toString(36).slice(2)}.json`)
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":"583231","email":"a@b.c","name":"x"}')]))
    return file
  }
  const refusal = /starts with a UTF-8 byte-order mark \(U\+FEFF\): the panel would refuse this body/

  it('eval refuses it from a file, as the panel does, and says how to save it without one', async () => {
    const file = bomFile()
    const r = await cli(['eval', '--path', '$.id', '--file', file, '--json'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(refusal)
    expect(r.stderr).toContain(file)
    expect(r.stderr).toMatch(/without a BOM/)
  })

  it('eval refuses it on stdin', async () => {
    const r = await cli(['eval', '--path', '$.id'], '\uFEFF{"id":"1"}')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(refusal)
    expect(r.stderr).toContain('on stdin')
  })

  it('preview refuses it instead of predicting a login the panel would fail', async () => {
    const r = await cli(['preview', '--config', config(), '--file', bomFile(), '--json'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(refusal)
  })

  it('the same body without the mark is read', async () => {
    const r = await cli(['eval', '--path', '$.id', '--json'], '{"id":"1"}')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).panel_value).toBe('1')
  })
})
