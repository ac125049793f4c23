import { execFile, spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HTTP_RPC_PREFIX, HTTP_TOKEN_HEADER } from '../../src/shared/transport'
import { runCliInProcess } from '../support/run-cli'

// `npm run cli` and `npm run web` start the prebuilt bundle through scripts/run.mjs (built
// first when the sources are newer); these tests run that path, not tsx.
const ROOT = resolve(import.meta.dirname, '..', '..')

function launch(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['scripts/run.mjs', ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (err as { code?: unknown }).code : 0
      done({ code: typeof code === 'number' ? code : -1, stdout, stderr })
    })
  })
}

async function inProcess(argv: string[]): Promise<string> {
  return (await runCliInProcess(argv)).stdout
}

describe('the prebuilt CLI', () => {
  it('prints what the sources print (presets --json)', async () => {
    const r = await launch(['cli', 'presets', '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(await inProcess(['presets', '--json'])))
  })

  it('keeps the exit codes: an unknown command is a usage error (2)', async () => {
    const r = await launch(['cli', 'no-such-command'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Unknown command')
  })

  it('refuses an unknown entry point', async () => {
    expect((await launch(['nope'])).code).toBe(2)
  })
})

describe('the prebuilt browser mode', () => {
  it('prints its address, serves the wizard and answers a contract call', async () => {
    const child = spawn(process.execPath, ['scripts/run.mjs', 'web', '--no-open'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const address = await new Promise<string>((ok, fail) => {
        let out = ''
        let err = ''
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          const m = /^(http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(out)
          if (m) ok(m[1]!)
        })
        child.stderr.on('data', (d: Buffer) => (err += d.toString()))
        child.once('exit', (code) => fail(new Error(`exited ${code}: ${err}`)))
      })
      const url = new URL(address)
      const token = url.searchParams.get('token')!
      const page = await fetch(`${url.origin}/`, { headers: { [HTTP_TOKEN_HEADER]: token } })
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<div id="root">')
      // The dispatcher loads after the address is printed; a call made now waits for it.
      const info = await fetch(`${url.origin}${HTTP_RPC_PREFIX}app:info`, {
        method: 'POST',
        headers: { [HTTP_TOKEN_HEADER]: token, 'content-type': 'application/json' },
        body: '{}'
      })
      expect(await info.json()).toMatchObject({ ok: true, data: { mode: 'web', secretStorage: { kind: 'memory' } } })
    } finally {
      child.kill('SIGTERM')
    }
  })
})
