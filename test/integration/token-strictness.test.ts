import { afterEach, describe, expect, it } from 'vitest'
import { startLogin, type LoginOptions } from '../../src/core/login/login-flow'
import { PANEL_FAILS_500 } from '../../src/core/login/token-request'
import { AppError } from '../../src/shared/errors'
import { basicClient, completeLogin, freePort, startIdp, type Idp, type ResponseRewrite } from '../support/oidc-idp'

/**
 * The panel's OAuth library is stricter with the token answer than most clients
 * (docs/panel-behaviour.md#token-and-userinfo-requests): status exactly 200, a Content-Type (when sent)
 * starting with application/json, a non-empty body, expires_in a JSON integer. The real
 * oidc-provider answers, and its answer is then bent into each shape the panel refuses;
 * the test login must flag each as a 500 in the panel, with the evidence.
 */

let idp: Idp | undefined
afterEach(async () => {
  await idp?.close()
  idp = undefined
})

type Bend = (produced: { status: number; body: string }) => ResponseRewrite

async function loginWith(bend: Bend): Promise<{ result: Promise<unknown>; idp: Idp }> {
  const port = await freePort()
  const client = basicClient(`http://127.0.0.1:${port}/callback`)
  const i = await startIdp({ clients: [client], rewrite: { token: (_r, p) => bend(p) } })
  idp = i
  const options: LoginOptions = {
    clientSecret: client.client_secret!,
    port,
    timeoutMs: 15_000,
    config: {
      client_id: client.client_id,
      auth_url: i.authUrl,
      token_url: i.tokenUrl,
      info_url: i.userinfoUrl,
      scopes: ['openid', 'profile', 'email'],
      basic_auth: true,
      identifier_path: '$.sub',
      email_path: '$.email',
      username_path: '$.preferred_username',
      name_first_path: '$.given_name',
      name_last_path: '$.family_name'
    }
  }
  const started = await startLogin(options)
  await completeLogin(started.authorizationUrl)
  return { result: started.result, idp: i }
}

async function refusal(bend: Bend): Promise<AppError> {
  const { result } = await loginWith(bend)
  const err = await result.then(
    () => new Error('expected the test login to fail'),
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

/** The provider's JSON with expires_in replaced by a raw JSON text. */
const withExpiresIn =
  (raw: string): Bend =>
  (p) => ({ body: p.body.replace(/"expires_in":\s*[^,}]+/, `"expires_in":${raw}`) })

describe('token answers the panel refuses (it answers 500 there)', () => {
  it('status 201 with a valid token: only 200 is success for the panel', async () => {
    const err = await refusal(() => ({ status: 201 }))
    expect(err.code).toBe('login.token-status-not-ok')
    expect(err.message).toContain('201')
    expect(err.message).toContain(PANEL_FAILS_500)
    expect(err.evidence?.status).toBe(201)
    expect(err.evidence?.bodyExcerpt).toContain('"access_token":"[redacted]"')
  })

  it('status 204 with no body: the panel reads it as an empty error response', async () => {
    const err = await refusal(() => ({ status: 204, body: '' }))
    expect(err.code).toBe('login.token-status-not-ok')
    expect(err.message).toContain('server returned empty error response')
  })

  it('any other refusal says the panel fails too', async () => {
    const err = await refusal(() => ({ status: 400, body: '{"error":"server_error"}' }))
    expect(err.code).toBe('login.token-error')
    expect(err.message).toContain(PANEL_FAILS_500)
  })

  it('Content-Type text/html (JSON body): refused with the header quoted', async () => {
    const err = await refusal(() => ({ contentType: 'text/html; charset=utf-8' }))
    expect(err.code).toBe('login.token-not-json')
    expect(err.message).toContain('“text/html; charset=utf-8”')
    expect(err.message).toContain(PANEL_FAILS_500)
    expect(err.evidence?.contentType).toBe('text/html; charset=utf-8')
  })

  it('Content-Type text/json is not application/json', async () => {
    expect((await refusal(() => ({ contentType: 'text/json' }))).code).toBe('login.token-not-json')
  })

  it('an empty 200 body', async () => {
    const err = await refusal(() => ({ body: '' }))
    expect(err.code).toBe('login.token-not-json')
    expect(err.message).toContain('empty body')
    expect(err.message).toContain(PANEL_FAILS_500)
    expect(err.evidence?.status).toBe(200)
  })

  it.each(['"3600"', '3600.0', '3.6e3', '-1', '18446744073709551616', 'true'])('expires_in %s', async (raw) => {
    const err = await refusal(withExpiresIn(raw))
    expect(err.code).toBe('login.token-bad-field')
    expect(err.message).toContain(`expires_in is ${raw}`)
    expect(err.message).toContain(PANEL_FAILS_500)
    expect(err.evidence?.bodyExcerpt).toContain(`"expires_in":${raw}`)
  })

  it('scope as a JSON list, as Twitch sends it', async () => {
    const err = await refusal((p) => ({
      body: p.body.replace(/"scope":"([^"]*)"/, (_m, s: string) => `"scope":${JSON.stringify(s.split(' '))}`)
    }))
    expect(err.code).toBe('login.token-bad-field')
    expect(err.message).toContain('scope is not a string')
    expect(err.message).toContain(PANEL_FAILS_500)
    expect(err.evidence?.bodyExcerpt).toContain('"scope":["openid"')
  })
})

describe('token answers the panel accepts', () => {
  it.each<[string, Bend]>([
    ['Content-Type in capitals with a charset', () => ({ contentType: 'Application/JSON; charset=UTF-8' })],
    ['no Content-Type header at all', () => ({ contentType: null })],
    ['expires_in 0', withExpiresIn('0')],
    ['expires_in null', withExpiresIn('null')],
    ['expires_in u64::MAX', withExpiresIn('18446744073709551615')]
  ])('%s', async (_name, bend) => {
    const { result, idp: i } = await loginWith(bend)
    await expect(result).resolves.toMatchObject({ token: { token_type: 'Bearer' } })
    expect(i.requests('userinfo')).toHaveLength(1)
  })
})
