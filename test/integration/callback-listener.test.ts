import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { listenForCallback } from '../../src/core/login/callback-listener'

function request(port: number, path: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** The one-shot loopback listener on its own (RFC 8252 §7.3). */
describe('callback listener', () => {
  it('binds 127.0.0.1 only, ignores other paths and methods, answers a page with no secrets', async () => {
    const l = await listenForCallback({ port: 0, expectedState: 'S'.repeat(43), timeoutMs: 10_000 })
    expect(l.redirectUri).toBe(`http://127.0.0.1:${l.port}/callback`)
    expect((await request(l.port, '/other?state=x')).status).toBe(404)
    expect((await request(l.port, `/callback?state=${'S'.repeat(43)}&code=c`, 'POST')).status).toBe(404)
    const ok = await request(l.port, `/callback?state=${'S'.repeat(43)}&code=the-code&iss=http%3A%2F%2Fi`)
    expect(ok.status).toBe(200)
    expect(ok.headers['cache-control']).toBe('no-store')
    expect(ok.headers['referrer-policy']).toBe('no-referrer')
    expect(ok.headers['content-security-policy']).toContain("default-src 'none'")
    expect(ok.body).not.toContain('the-code')
    expect(ok.body).not.toContain('SSSS')
    const params = await l.result
    expect(params).toMatchObject({ code: 'the-code', error: null, iss: 'http://i' })
  })

  it('passes a provider error on, with its description', async () => {
    const l = await listenForCallback({ port: 0, expectedState: 'st', timeoutMs: 10_000 })
    const page = await request(l.port, '/callback?state=st&error=access_denied&error_description=User+said+no')
    expect(page.body).toContain('refused')
    expect(await l.result).toMatchObject({ code: null, error: 'access_denied', errorDescription: 'User said no' })
  })

  it('cancels on the signal, and reports a timeout in seconds', async () => {
    const ac = new AbortController()
    const l = await listenForCallback({ port: 0, expectedState: 'st', timeoutMs: 10_000, signal: ac.signal })
    ac.abort()
    await expect(l.result).rejects.toMatchObject({ code: 'cancelled' })
    const t = await listenForCallback({ port: 0, expectedState: 'st', timeoutMs: 50 })
    await expect(t.result).rejects.toMatchObject({ code: 'login.timeout', message: expect.stringContaining('1 s') })
  })
})
