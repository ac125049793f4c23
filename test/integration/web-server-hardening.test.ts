import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../src/shared/api'
import type { Dispatcher } from '../../src/core/rpc/dispatcher'
import { HTTP_TOKEN_HEADER } from '../../src/shared/transport'
import { startWebServer, type WebServer } from '../../src/web/server'

const OUTSIDE = 'ROOT-ONLY-CONTENT-91c2'
let dir: string
let web: WebServer

/** A dispatcher whose one method answers after `ms` (a login:wait stand-in). */
const slowDispatcher = {
  call: async (method: string, input: unknown): Promise<Result<unknown>> => {
    await new Promise((r) => setTimeout(r, (input as { ms?: number })?.ms ?? 0))
    return { ok: true, data: { method } }
  },
  cancel: () => false,
  cancelAll: () => undefined
} as unknown as Dispatcher

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'web-hardening-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>wizard</title>')
  writeFileSync(join(dir, 'outside.txt'), OUTSIDE)
  // Planted links: a file and a folder pointing out of the served folder.
  symlinkSync(join(dir, 'outside.txt'), join(renderer, 'assets', 'planted.js'))
  symlinkSync(dir, join(renderer, 'up'))
  web = await startWebServer({
    dispatcher: slowDispatcher,
    rendererDir: renderer,
    limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, idleTimeoutMs: 400, maxConnections: 4 }
  })
})
afterAll(async () => {
  await web?.close()
  rmSync(dir, { recursive: true, force: true })
})

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path, headers: { host: `127.0.0.1:${web.port}`, ...headers } }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString('utf8')))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** Opens a raw socket, writes `data`, and resolves with what came back once the server closed it. */
function rawUntilClosed(data: string): Promise<{ answer: string; closed: boolean }> {
  return new Promise((resolve) => {
    const s: Socket = connect(web.port, '127.0.0.1', () => s.write(data))
    let answer = ''
    s.on('data', (c) => (answer += c.toString('utf8')))
    const done = (closed: boolean): void => {
      clearTimeout(guard)
      s.destroy()
      resolve({ answer, closed })
    }
    s.on('close', () => done(true))
    s.on('error', () => done(true))
    // Far longer than every limit above: a socket still open then was not closed by the server.
    const guard = setTimeout(() => done(false), 5000)
  })
}

describe('browser-mode server hardening', () => {
  it('the launch URL cannot redirect to another site (GET /.//evil.example/?token=…)', async () => {
    for (const path of [
      `/.//evil.example/?token=${web.token}`,
      `//evil.example/?token=${web.token}`,
      `/%2F/evil.example/?token=${web.token}`
    ]) {
      const r = await get(path)
      expect(r.status, path).toBe(303)
      expect(r.location, path).toMatch(/^\/(?![/\\])/)
      expect(new URL(r.location!, web.origin).origin, path).toBe(web.origin)
    }
  })

  it('static files do not follow links out of the served folder', async () => {
    for (const path of ['/assets/planted.js', '/up/outside.txt']) {
      const r = await get(path, { [HTTP_TOKEN_HEADER]: web.token })
      expect(r.body, path).not.toContain(OUTSIDE)
    }
  })

  it('a socket that never finishes its headers is closed (slow loris)', async () => {
    const r = await rawUntilClosed(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nX-Slow: `)
    expect(r.closed).toBe(true)
  })

  it('a stalled body is closed even without a token', async () => {
    const r = await rawUntilClosed(
      `POST /rpc/app:info HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"a":`
    )
    expect(r.closed).toBe(true)
  })

  it('an idle kept-alive socket is closed, but a long call is answered', async () => {
    const idle = await rawUntilClosed('')
    expect(idle.closed).toBe(true)
    // Longer than the idle and request timeouts: still answered.
    const res = await fetch(`${web.origin}/rpc/login:wait`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: web.token },
      body: JSON.stringify({ ms: 900 })
    })
    expect(await res.json()).toEqual({ ok: true, data: { method: 'login:wait' } })
  })

  it('caps the number of connections', () => {
    expect(web.server.maxConnections).toBe(4)
    expect(web.server.headersTimeout).toBe(300)
    expect(web.server.requestTimeout).toBe(600)
  })
})
