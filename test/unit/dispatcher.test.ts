import { describe, expect, it, vi } from 'vitest'
import { Dispatcher } from '../../src/core/rpc/dispatcher'
import type { HandlerTable } from '../../src/shared/api'
import { AppError } from '../../src/shared/errors'
import type { DiscoveryResult } from '../../src/shared/schemas/discovery'

type Ctx = { signal: AbortSignal }
type AnyHandler = (input: never, ctx: Ctx) => Promise<unknown>

/** A dispatcher over just the handlers a test needs (the others are absent on purpose). */
function dispatcher(handlers: Record<string, AnyHandler>): Dispatcher {
  return new Dispatcher(handlers as unknown as HandlerTable)
}

function discoveryResult(extra: Record<string, unknown> = {}): DiscoveryResult & Record<string, unknown> {
  return {
    document_url: 'https://id.example.com/.well-known/openid-configuration',
    kind: 'oidc',
    issuer: 'https://id.example.com',
    auth_url: 'https://id.example.com/authorize',
    token_url: 'https://id.example.com/token',
    info_url: 'https://id.example.com/userinfo',
    jwks_uri: null,
    claims_supported: null,
    scopes_supported: null,
    response_types_supported: null,
    token_endpoint_auth_methods_supported: null,
    code_challenge_methods_supported: null,
    basic_auth: true,
    basic_auth_reason: 'default',
    findings: [],
    warnings: [],
    ...extra
  }
}

/** A handler that waits until its call is cancelled, then fails as fetch does. */
function waitsForCancel(started: () => void): AnyHandler {
  return (_input, { signal }) =>
    new Promise((_resolve, reject) => {
      started()
      signal.addEventListener('abort', () => reject(signal.reason), { once: true })
    })
}

describe('unknown methods', () => {
  it.each(['nope:x', '', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'app:info '])(
    '%j → rpc.unknown-method, nothing runs',
    async (method) => {
      const handler = vi.fn(async () => ({}))
      const d = dispatcher({ 'app:info': handler, [method]: handler })
      const r = await d.call(method, {})
      expect(r).toEqual({ ok: false, error: { code: 'rpc.unknown-method', message: `Unknown method ${JSON.stringify(method)}.` } })
      expect(handler).not.toHaveBeenCalled()
    }
  )
})

describe('input validation', () => {
  it('a missing field: input.invalid with one problem per field; the handler never runs', async () => {
    const handler = vi.fn(async () => discoveryResult())
    const d = dispatcher({ 'discovery:run': handler })
    const r = await d.call('discovery:run', {})
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('input.invalid')
    expect(r.error.problems).toEqual([{ field: 'url', message: expect.any(String) }])
    expect(r.error.message).toMatch(/^url: /)
    expect(handler).not.toHaveBeenCalled()
  })

  it('the contract’s own messages and every bad field are reported', async () => {
    const d = dispatcher({ 'discovery:run': async () => discoveryResult() })
    const r = await d.call('discovery:run', { url: '', timeoutMs: 5 })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.problems?.map((p) => p.field)).toEqual(['url', 'timeoutMs'])
    expect(r.error.problems?.[0]?.message).toBe('Enter the provider’s address')
  })

  it.each([null, undefined])('%j input counts as {} (then fails on the missing url)', async (input) => {
    const r = await dispatcher({ 'discovery:run': async () => discoveryResult() }).call('discovery:run', input)
    expect(r).toMatchObject({ ok: false, error: { code: 'input.invalid' } })
  })

  it.each([['a string'], [42], [['url']]])('non-object input %j → input.invalid', async (input) => {
    const r = await dispatcher({ 'discovery:run': async () => discoveryResult() }).call('discovery:run', input)
    expect(r).toMatchObject({ ok: false, error: { code: 'input.invalid' } })
  })

  it('the handler receives the parsed input, without fields the contract does not list', async () => {
    const handler = vi.fn(async (_input: unknown) => discoveryResult())
    await dispatcher({ 'discovery:run': handler }).call('discovery:run', { url: 'id.example.com', sneaky: '../../etc' })
    expect(handler).toHaveBeenCalledTimes(1)
    expect(handler.mock.calls[0]![0]).toEqual({ url: 'id.example.com' })
  })
})

describe('output', () => {
  it('fields the contract does not list are stripped, at any depth', async () => {
    const d = dispatcher({
      'app:info': async () => ({
        mode: 'web',
        version: '1.0.0',
        secretStorage: { kind: 'memory', description: 'in memory', masterKey: 'SECRET-1' },
        clientSecret: 'SECRET-2'
      })
    })
    const r = await d.call('app:info', {})
    expect(r).toEqual({ ok: true, data: { mode: 'web', version: '1.0.0', secretStorage: { kind: 'memory', description: 'in memory' } } })
    expect(JSON.stringify(r)).not.toMatch(/SECRET/)
  })

  it('extra fields in a discovery result are stripped too', async () => {
    const r = await dispatcher({ 'discovery:run': async () => discoveryResult({ rawDocument: { client_secret: 'SECRET' } }) }).call(
      'discovery:run',
      { url: 'x' }
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.data).not.toHaveProperty('rawDocument')
    expect(r.data).toEqual(discoveryResult())
  })

  it('an output that breaks the contract is an internal error naming the method, not the data', async () => {
    const d = dispatcher({
      'app:info': async () => ({ mode: 'mainframe', version: 7, secretStorage: { kind: 'memory', description: 'x' } })
    })
    const r = await d.call('app:info', {})
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('internal')
    expect(r.error.message).toContain('app:info')
    expect(r.error.message).toContain('version')
  })
})

describe('errors', () => {
  it('an AppError crosses as its payload: code, message, hint, evidence', async () => {
    const d = dispatcher({
      'discovery:run': async () => {
        throw new AppError('discovery.http-status', 'The provider answered 500.', {
          hint: 'Check its logs.',
          evidence: { status: 500, bodyExcerpt: 'boom' }
        })
      }
    })
    expect(await d.call('discovery:run', { url: 'x' })).toEqual({
      ok: false,
      error: {
        code: 'discovery.http-status',
        message: 'The provider answered 500.',
        hint: 'Check its logs.',
        evidence: { status: 500, bodyExcerpt: 'boom' }
      }
    })
  })

  it('any other exception becomes internal, without its stack', async () => {
    const d = dispatcher({
      'app:info': async () => {
        throw new TypeError('x is not a function')
      }
    })
    const r = await d.call('app:info', {})
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error: x is not a function' } })
  })
})

describe('cancel by callId', () => {
  it('aborts the handler’s signal and answers cancelled', async () => {
    let signal: AbortSignal | undefined
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const d = dispatcher({
      'discovery:run': (_input, ctx) => {
        signal = ctx.signal
        return waitsForCancel(started)(_input, ctx)
      }
    })
    const pending = d.call('discovery:run', { url: 'x' }, 'call-1')
    await running
    expect(signal?.aborted).toBe(false)
    expect(d.cancel('call-1')).toBe(true)
    expect(signal?.aborted).toBe(true)
    expect(await pending).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled.' } })
  })

  it('an AppError thrown after the abort is kept (it says more than “cancelled”)', async () => {
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const d = dispatcher({
      'discovery:run': (_input, { signal }) =>
        new Promise((_resolve, reject) => {
          started()
          signal.addEventListener('abort', () => reject(new AppError('cancelled', 'Cancelled by the admin.')))
        })
    })
    const pending = d.call('discovery:run', { url: 'x' }, 'c')
    await running
    d.cancel('c')
    expect(await pending).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled by the admin.' } })
  })

  it('unknown or finished call ids cancel nothing', async () => {
    const d = dispatcher({ 'app:info': async () => ({ mode: 'web', version: '1', secretStorage: { kind: 'memory', description: 'm' } }) })
    expect(d.cancel('never-started')).toBe(false)
    expect((await d.call('app:info', {}, 'done-1')).ok).toBe(true)
    expect(d.cancel('done-1')).toBe(false)
  })

  it('reusing a call id cancels the earlier call (a new discovery replaces the old one)', async () => {
    const starts: (() => void)[] = []
    const started = [new Promise<void>((r) => starts.push(r)), new Promise<void>((r) => starts.push(r))]
    let n = 0
    const d = dispatcher({
      'discovery:run': (input, ctx) => {
        const i = n++
        if (i === 0) return waitsForCancel(starts[0]!)(input, ctx)
        starts[1]!()
        return Promise.resolve(discoveryResult())
      }
    })
    const first = d.call('discovery:run', { url: 'a' }, 'discover')
    await started[0]
    const second = d.call('discovery:run', { url: 'b' }, 'discover')
    expect(await first).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(await second).toMatchObject({ ok: true })
  })

  it('cancelAll aborts every call in flight', async () => {
    const starts: (() => void)[] = []
    const running = [0, 1].map(() => new Promise<void>((r) => starts.push(r)))
    let n = 0
    const d = dispatcher({ 'discovery:run': (input, ctx) => waitsForCancel(starts[n++]!)(input, ctx) })
    const calls = [d.call('discovery:run', { url: 'a' }, 'a'), d.call('discovery:run', { url: 'b' }, 'b')]
    await Promise.all(running)
    d.cancelAll()
    for (const r of await Promise.all(calls)) expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } })
  })
})
