import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { discover } from '../../src/core/discovery'
import { AppError } from '../../src/shared/errors'
import { startRouteServer, type RouteServer } from '../support/route-server'

let srv: RouteServer

beforeAll(async () => {
  srv = await startRouteServer()
})
afterAll(async () => {
  await srv.close()
})

describe('a provider that speaks plain HTTP', () => {
  it('typed as a bare host (tried over https): says it speaks HTTP and names the http:// address', async () => {
    const host = new URL(srv.origin).host
    const err = await discover(host).then(
      () => null,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(AppError)
    const e = err as AppError
    expect(e.code).toBe('net.plain-http')
    expect(e.message).toContain('speaks plain HTTP')
    expect(e.hint).toContain(`http://${host}`)
    expect(e.evidence?.details?.plainHttpUrl).toBe(`http://${host}/.well-known/openid-configuration`)
  })
})
