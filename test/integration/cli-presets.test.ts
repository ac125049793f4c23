import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { communityPresetBytes, USERINFO_PROVIDERS } from '../support/userinfo-fixtures'
import { runCliInProcess, type CliRun } from '../support/run-cli'

const ROOT = join(__dirname, '..', '..')
const tmp = mkdtempSync(join(tmpdir(), 'cli-presets-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function cli(argv: string[], stdin = ''): Promise<CliRun> {
  return runCliInProcess(argv, { stdin })
}

function file(name: string, content: string | Buffer): string {
  const p = join(tmp, name)
  writeFileSync(p, content)
  return p
}

describe('cli presets', () => {
  it('--json lists the library with placeholders and discovery patterns', async () => {
    const r = await cli(['presets', '--json'])
    expect(r.code).toBe(0)
    const list = JSON.parse(r.stdout) as Array<{ id: string; discovery: string | null; placeholders: Array<{ token: string }> }>
    expect(list.length).toBeGreaterThanOrEqual(15)
    expect(list.find((e) => e.id === 'keycloak')).toMatchObject({
      discovery: 'https://id.example.com/realms/{realm}/.well-known/openid-configuration',
      placeholders: [{ token: 'id.example.com' }, { token: '{realm}' }]
    })
  })

  it('--search filters', async () => {
    const r = await cli(['presets', '--search', 'azure'])
    expect(r.stdout).toMatch(/^microsoft-entra-id\s+Microsoft Entra ID\s+cloud\s+\{tenant\}/)
    expect(r.stdout.trim().split('\n')).toHaveLength(1)
  })
})

describe('cli import', () => {
  it('--json prints the validated record of a community preset', async () => {
    const r = await cli(['import', join(ROOT, 'presets', 'google.yml'), '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'Google', username_path: null, scopes: ['openid', 'email', 'profile'] })
    expect(r.stderr).toBe('')
  })

  it('--json prints the problems and exits 1 for a file the panel would refuse', async () => {
    const r = await cli(['import', file('bad.yml', "name: 'x'\nenabled: 'yes'\n"), '--json'])
    expect(r.code).toBe(1)
    const { problems } = JSON.parse(r.stdout) as { problems: Array<{ severity: string; line?: number; field?: string; message: string }> }
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', field: 'enabled', line: 2 }))
  })

  it('a binary file, a 10 MB file and a BOM file, read from disk', async () => {
    const png = await cli([
      'import',
      file('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
      '--json'
    ])
    expect(png.code).toBe(1)
    expect(JSON.parse(png.stdout).problems[0].message).toMatch(/This is not a text file/)
    const latin1 = await cli(['import', file('latin1.yml', Buffer.from("name: 'Caf\xe9'\n", 'latin1')), '--json'])
    expect(JSON.parse(latin1.stdout).problems[0].message).toMatch(/bytes that are not valid UTF-8 \(line 1, column 11\)/)
    const big = await cli(['import', file('big.yml', Buffer.alloc(10 * 1024 * 1024, 0x20)), '--json'])
    expect(JSON.parse(big.stdout).problems[0].message).toMatch(/too large for a preset \(10\.0 MB/)
    const bom = await cli([
      'import',
      file('bom.yml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(ROOT, 'presets', 'gitea.yml'))])),
      '--json'
    ])
    expect(bom.code).toBe(0)
    expect(bom.stderr).toMatch(/warning: The file starts with a byte order mark/)
  })

  it('without --json prints the house-style YAML, problems on stderr', async () => {
    const json = file(
      'p.json',
      JSON.stringify({
        ...JSON.parse((await cli(['import', join(ROOT, 'presets', 'okta.yml'), '--json'])).stdout),
        client_secret: 'leaked-secret-1'
      })
    )
    const r = await cli(['import', json])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'presets', 'okta.yml'), 'utf8'))
    expect(r.stderr).toMatch(/warning: The file contains a client secret/)
    expect(r.stdout + r.stderr).not.toContain('leaked-secret-1')
  })

  it('usage errors exit 2', async () => {
    expect((await cli(['import'])).code).toBe(2)
    expect((await cli(['import', 'a', 'b'])).code).toBe(2)
  })
})

describe('cli export', () => {
  it('reproduces each community preset byte for byte from its record (import --json | export)', async () => {
    for (const provider of USERINFO_PROVIDERS) {
      const path = join(ROOT, 'test', 'fixtures', 'community-presets', `${provider}.yml`)
      const record = (await cli(['import', path, '--json'])).stdout
      const r = await cli(['export', '--config', '-'], record)
      expect(r.code).toBe(0)
      expect(r.stdout).toBe(communityPresetBytes(provider).toString('utf8'))
    }
  })

  it('--format json from a CONFIG.json with credentials: never prints them', async () => {
    const record = JSON.parse((await cli(['import', join(ROOT, 'presets', 'pocket-id.yml'), '--json'])).stdout)
    const cfg = file('config.json', JSON.stringify({ ...record, client_id: 'cid-123', client_secret: 'secret-456' }))
    const r = await cli(['export', '--config', cfg, '--format', 'json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual(record)
    expect(r.stdout).not.toMatch(/cid-123|secret-456|client_/)
    expect(r.stderr).toMatch(/client_id and client_secret are never written to a preset/)
  })

  it('--import-disabled writes enabled: false; without it, an enabled record gets a note on stderr', async () => {
    const path = join(ROOT, 'test', 'fixtures', 'community-presets', 'google.yml')
    const record = (await cli(['import', path, '--json'])).stdout
    const upstream = communityPresetBytes('google').toString('utf8')
    const off = await cli(['export', '--config', '-', '--import-disabled'], record)
    expect(off.code).toBe(0)
    expect(off.stdout).toBe(upstream.replace('enabled: true', 'enabled: false'))
    expect(off.stderr).toBe('')
    const on = await cli(['export', '--config', '-'], record)
    expect(on.stdout).toBe(upstream)
    expect(on.stderr).toMatch(/creates the provider at once with client ID and secret “example”/)
  })

  it('warns about panel rules the record breaks', async () => {
    const record = JSON.parse((await cli(['import', join(ROOT, 'presets', 'pocket-id.yml'), '--json'])).stdout)
    const r = await cli(['export', '--config', '-'], JSON.stringify({ ...record, email_path: '$.' }))
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^error: email_path invalid JSONPath/m)
  })

  it('a config that is not JSON, or not a record, is a clear error', async () => {
    const notJson = await cli(['export', '--config', file('broken.json', '{\n  "name": "x",\n}')])
    expect(notJson.code).toBe(1)
    expect(notJson.stderr).toMatch(/broken\.json is not JSON \(line 3, column 1\)/)
    const notRecord = await cli(['export', '--config', '-'], '{"name": "x"}')
    expect(notRecord.code).toBe(1)
    expect(notRecord.stderr).toMatch(/is not a provider record/)
    expect((await cli(['export', '--config', '-', '--format', 'toml'], '{}')).code).toBe(2)
  })
})
