import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpRequest } from '../../src/core/net/http'
import { AppError } from '../../src/shared/errors'
import { startRouteServer, type RouteServer } from '../support/route-server'

/** Two loopback servers are two origins (the port is part of the origin). */
let a: RouteServer
let b: RouteServer
const bodies: string[] = []

beforeAll(async () => {
  a = await startRouteServer()
  b = await startRouteServer()
})
afterAll(async () => {
  await a.close()
  await b.close()
})

function echoBody(server: RouteServer, path: string): void {
  server.route(path, (req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      bodies.push(body)
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`got ${body.length}`)
    })
  })
}

describe('the shared HTTP helper and redirects that keep the body', () => {
  for (const status of [307, 308]) {
    it(`a cross-origin ${status} of a POST is not followed, and the body never reaches the other origin`, async () => {
      bodies.length = 0
      a.route('/push', (_req, res) => res.writeHead(status, { location: b.url('/steal') }).end())
      echoBody(b, '/steal')
      const err = await httpRequest({
        url: a.url('/push'),
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
        body: '{"client_secret":"s3cret"}'
      }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(AppError)
      expect((err as AppError).code).toBe('net.bad-redirect')
      expect(b.requests.filter((r) => r.path === '/steal')).toHaveLength(0)
      expect(bodies).toEqual([])
    })

    it(`a same-origin ${status} keeps method and body`, async () => {
      bodies.length = 0
      a.route('/old', (_req, res) => res.writeHead(status, { location: '/new' }).end())
      echoBody(a, '/new')
      const r = await httpRequest({ url: a.url('/old'), method: 'POST', body: 'x=1' })
      expect(r.status).toBe(200)
      expect(bodies).toEqual(['x=1'])
    })
  }

  it('a cross-origin redirect of a GET is followed, without credentials', async () => {
    a.route('/doc', (_req, res) => res.writeHead(302, { location: b.url('/doc2') }).end())
    b.route('/doc2', (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'))
    const r = await httpRequest({ url: a.url('/doc'), headers: { authorization: 'Bearer k' } })
    expect(r.bodyText).toBe('ok')
    expect(b.requests.find((q) => q.path === '/doc2')?.headers.authorization).toBeUndefined()
  })
})
