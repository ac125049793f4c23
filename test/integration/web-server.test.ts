import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/core/handlers'
import { Dispatcher } from '../../src/core/rpc/dispatcher'
import type { Services } from '../../src/core/services'
import { MemoryVault } from '../../src/core/vault/memory-vault'
import { HTTP_CALL_ID_HEADER, HTTP_TOKEN_HEADER } from '../../src/shared/transport'
import { sessionCookieName, startWebServer, type WebServer } from '../../src/web/server'
import { startRouteServer, type RouteServer } from '../support/route-server'

/** Never served: it sits next to the renderer folder, outside it. */
const SECRET = 'OUTSIDE-THE-RENDERER-DIR-7f3a'
const INDEX = '<!doctype html><title>wizard test page</title>'

let dir: string
let web: WebServer
let idp: RouteServer

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw HTTP request: node:http lets a test set any Host and Origin, as an attacker's page could. */
function send(opts: {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string
  host?: string | null
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: web.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        // host null: no Host header at all (an HTTP/1.0-style request).
        headers: opts.host === null ? { ...opts.headers } : { host: opts.host ?? `127.0.0.1:${web.port}`, ...opts.headers },
        setHost: opts.host !== null
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      }
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

const withToken = (extra: Record<string, string> = {}): Record<string, string> => ({ [HTTP_TOKEN_HEADER]: web.token, ...extra })

function rpc(method: string, input: unknown, headers: Record<string, string> = withToken()): Promise<Answer> {
  return send({
    method: 'POST',
    path: `/rpc/${method}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input)
  })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'web-server-test-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), INDEX)
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("wizard")')
  writeFileSync(join(dir, 'secret.txt'), SECRET)
  // A sibling whose name starts with the renderer folder's name (a prefix check trap).
  mkdirSync(join(dir, 'renderer-private'))
  writeFileSync(join(dir, 'renderer-private', 'key.txt'), SECRET)
  const services: Services = {
    mode: 'web',
    version: '9.9.9-test',
    dataDir: join(dir, 'data'),
    openExternal: async () => false,
    vault: new MemoryVault()
  }
  web = await startWebServer({ dispatcher: new Dispatcher(createHandlers(services)), rendererDir: renderer })
  idp = await startRouteServer()
})

afterAll(async () => {
  await web?.close()
  await idp?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('where it listens', () => {
  it('on 127.0.0.1 only, on a port the OS chose', () => {
    const addr = web.server.address()
    expect(addr).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: web.port })
    expect(web.port).toBeGreaterThan(0)
    expect(web.origin).toBe(`http://127.0.0.1:${web.port}`)
    expect(web.launchUrl).toBe(`${web.origin}/?token=${web.token}`)
  })

  it('with a fresh random token per launch', async () => {
    const other = await startWebServer({
      dispatcher: new Dispatcher(
        createHandlers({ mode: 'web', version: 'x', dataDir: dir, openExternal: async () => false, vault: new MemoryVault() })
      ),
      rendererDir: join(dir, 'renderer')
    })
    try {
      expect(web.token.length).toBeGreaterThanOrEqual(32)
      expect(other.token).not.toBe(web.token)
    } finally {
      await other.close()
    }
  })
})

describe('the per-launch token', () => {
  it('no token → 401, and the answer does not give the token away', async () => {
    const r = await send({ path: '/' })
    expect(r.status).toBe(401)
    expect(r.body).not.toContain(web.token)
    expect(r.headers['set-cookie']).toBeUndefined()
  })

  it('a wrong token in the launch URL → 401, no cookie', async () => {
    const r = await send({ path: `/?token=${'x'.repeat(web.token.length)}` })
    expect(r.status).toBe(401)
    expect(r.headers['set-cookie']).toBeUndefined()
    expect((await send({ path: '/?token=short' })).status).toBe(401)
  })

  it('a wrong token header → 401', async () => {
    const r = await rpc('app:info', {}, { [HTTP_TOKEN_HEADER]: `${web.token.slice(0, -1)}!` })
    expect(r.status).toBe(401)
  })

  it('the launch URL → 303 to the same page without the token, with an HttpOnly SameSite=Strict cookie', async () => {
    const r = await send({ path: `/?token=${web.token}&step=discover` })
    expect(r.status).toBe(303)
    expect(r.headers.location).toBe('/?step=discover')
    const cookie = ([] as string[]).concat(r.headers['set-cookie'] ?? [])
    expect(cookie).toHaveLength(1)
    expect(cookie[0]).toMatch(new RegExp(`^${sessionCookieName(web.port)}=${web.token};`))
    expect(cookie[0]).toMatch(/;\s*HttpOnly(;|$)/)
    expect(cookie[0]).toMatch(/;\s*SameSite=Strict(;|$)/)
    expect(cookie[0]).toMatch(/;\s*Path=\/(;|$)/)
    expect(r.headers['referrer-policy']).toBe('no-referrer')

    const page = await send({ path: '/', headers: { cookie: `${sessionCookieName(web.port)}=${web.token}` } })
    expect(page.status).toBe(200)
    expect(page.body).toBe(INDEX)
    expect(page.headers['content-security-policy']).toContain("default-src 'none'")
  })
})

describe('DNS rebinding and cross-site requests', () => {
  it.each(['evil.example:PORT', '127.0.0.1.nip.io:PORT', '127.0.0.1:1', 'attacker.localhost:PORT'])(
    'Host %j → 403, even with the token',
    async (host) => {
      const r = await send({
        path: '/rpc/app:info',
        method: 'POST',
        host: host.replace('PORT', String(web.port)),
        headers: withToken({ 'content-type': 'application/json' }),
        body: '{}'
      })
      expect(r.status).toBe(403)
      expect(r.body).not.toContain('"ok"')
    }
  )

  it('no Host header at all → refused', async () => {
    const r = await send({
      path: '/rpc/app:info',
      method: 'POST',
      host: null,
      headers: withToken({ 'content-type': 'application/json' }),
      body: '{}'
    })
    expect([400, 403]).toContain(r.status)
    expect(r.body).not.toContain('"ok"')
  })

  it('Host localhost:PORT (the other spelling of our address) is accepted', async () => {
    const r = await send({
      path: '/rpc/app:info',
      method: 'POST',
      host: `localhost:${web.port}`,
      headers: withToken({ 'content-type': 'application/json' }),
      body: '{}'
    })
    expect(r.status).toBe(200)
  })

  it.each(['http://evil.example', 'null', `http://127.0.0.1:${1}`, 'https://127.0.0.1'])(
    'Origin %j → 403, even with the token',
    async (origin) => {
      const r = await rpc('app:info', {}, withToken({ origin }))
      expect(r.status).toBe(403)
    }
  )

  it('our own Origin is accepted', async () => {
    const r = await rpc('app:info', {}, withToken({ origin: web.origin }))
    expect(r.status).toBe(200)
  })
})

describe('RPC', () => {
  it('app:info with the token header', async () => {
    const r = await rpc('app:info', {})
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toMatch(/^application\/json/)
    expect(JSON.parse(r.body)).toEqual({
      ok: true,
      data: { mode: 'web', version: '9.9.9-test', secretStorage: { kind: 'memory', description: new MemoryVault().description } }
    })
  })

  it('app:info with the session cookie', async () => {
    const r = await rpc('app:info', {}, { cookie: `${sessionCookieName(web.port)}=${web.token}` })
    expect(JSON.parse(r.body)).toMatchObject({ ok: true })
  })

  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['form', 'application/x-www-form-urlencoded'],
    ['none', undefined]
  ])('without a JSON content type (%s) → 415', async (_label, ct) => {
    const r = await send({ method: 'POST', path: '/rpc/app:info', headers: withToken(ct ? { 'content-type': ct } : {}), body: '{}' })
    expect(r.status).toBe(415)
  })

  it('GET on an RPC route → 405', async () => {
    expect((await send({ path: '/rpc/app:info', headers: withToken() })).status).toBe(405)
  })

  it('an unknown method → the contract’s error', async () => {
    const r = await rpc('vault:dump', {})
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'rpc.unknown-method', message: 'Unknown method "vault:dump".' } })
    expect(JSON.parse((await rpc('constructor', {})).body).error.code).toBe('rpc.unknown-method')
  })

  it('input that breaks the schema → input.invalid', async () => {
    const r = JSON.parse((await rpc('discovery:run', { url: '' })).body)
    expect(r.ok).toBe(false)
    expect(r.error.code).toBe('input.invalid')
    expect(r.error.problems).toEqual([{ field: 'url', message: 'Enter the provider’s address' }])
  })

  it('a body that is not JSON → 400 rpc.bad-request', async () => {
    const r = await send({
      method: 'POST',
      path: '/rpc/app:info',
      headers: withToken({ 'content-type': 'application/json' }),
      body: '{nope'
    })
    expect(r.status).toBe(400)
    expect(JSON.parse(r.body).error.code).toBe('rpc.bad-request')
  })

  it('malformed percent-encoding in a method or call id → 400, not a server error', async () => {
    const r = await send({ method: 'POST', path: '/rpc/%E0%A4%A', headers: withToken({ 'content-type': 'application/json' }), body: '{}' })
    expect(r.status).toBe(400)
    expect(JSON.parse(r.body).error.code).toBe('rpc.bad-request')
    expect((await send({ method: 'POST', path: '/rpc-cancel/%E0%A4%A', headers: withToken() })).status).toBe(400)
  })

  it('a call is cancelled through /rpc-cancel/<callId>', async () => {
    let arrived!: () => void
    const received = new Promise<void>((resolve) => (arrived = resolve))
    idp.route('/.well-known/openid-configuration', () => arrived())
    const pending = rpc('discovery:run', { url: idp.origin }, withToken({ [HTTP_CALL_ID_HEADER]: 'call-42' }))
    await received
    const cancel = await send({ method: 'POST', path: '/rpc-cancel/call-42', headers: withToken() })
    expect(cancel.status).toBe(204)
    expect(JSON.parse((await pending).body)).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled.' } })
  })
})

describe('a page that goes away', () => {
  it('closing the RPC request cancels the work it started (the provider sees its connection dropped)', async () => {
    let arrived!: () => void
    let dropped!: () => void
    const received = new Promise<void>((resolve) => (arrived = resolve))
    const providerSawClose = new Promise<void>((resolve) => (dropped = resolve))
    idp.route('/.well-known/openid-configuration', (req) => {
      req.socket.on('close', () => dropped())
      arrived()
    })
    const req = request({
      host: '127.0.0.1',
      port: web.port,
      method: 'POST',
      path: '/rpc/discovery:run',
      headers: { host: `127.0.0.1:${web.port}`, 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: web.token }
    })
    req.on('error', () => {
      /* we hang up ourselves */
    })
    // A long discovery timeout: only the cancel can close the provider's socket in time.
    req.end(JSON.stringify({ url: idp.origin, timeoutMs: 60_000 }))
    await received
    req.destroy()
    await providerSawClose
  }, 5_000)
})

describe('static files', () => {
  const auth = (): Record<string, string> => withToken()

  it('serves files of the renderer folder with their type', async () => {
    const r = await send({ path: '/assets/app.js', headers: auth() })
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toMatch(/^text\/javascript/)
    expect(r.headers['x-content-type-options']).toBe('nosniff')
  })

  it.each([
    '/../secret.txt',
    '/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/....//secret.txt',
    '/assets/../../secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/../renderer-private/key.txt',
    '/..%2frenderer-private%2fkey.txt',
    `/${encodeURIComponent('../renderer-private/key.txt')}`,
    '//secret.txt',
    '/%00/../secret.txt',
    '/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd'
  ])('path traversal %s never serves a file outside the renderer folder', async (path) => {
    const r = await send({ path, headers: auth() })
    expect(r.body).not.toContain(SECRET)
    expect(r.body).not.toMatch(/root:.*:0:0:/)
    // Either the single-page fallback or nothing.
    if (r.status === 200) expect(r.body).toBe(INDEX)
    else expect(r.status).toBe(404)
  })
})
