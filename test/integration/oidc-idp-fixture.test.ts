import { afterEach, describe, expect, it } from 'vitest'
import { basicClient, completeLogin, denyConsent, freePort, startIdp, type Idp } from '../support/oidc-idp'

/** The shared test provider works as other suites expect (discovery, dev login, recording). */
describe('test/support/oidc-idp', () => {
  let idp: Idp | undefined
  afterEach(async () => {
    await idp?.close()
    idp = undefined
  })

  it('serves a discovery document on 127.0.0.1', async () => {
    idp = await startIdp()
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const doc = (await (await fetch(idp.discoveryUrl)).json()) as Record<string, unknown>
    expect(doc.issuer).toBe(idp.issuer)
    expect(doc.authorization_endpoint).toBe(idp.authUrl)
    expect(doc.userinfo_endpoint).toBe(idp.userinfoUrl)
  })

  it('completes the dev login over HTTP and records the token request', async () => {
    const redirectUri = `http://127.0.0.1:${await freePort()}/callback`
    const client = basicClient(redirectUri)
    idp = await startIdp({ clients: [client] })
    const auth = new URL(idp.authUrl)
    auth.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.client_id,
      state: 's1',
      redirect_uri: redirectUri,
      scope: 'openid email profile'
    }).toString()
    const { callbackUrl } = await completeLogin(auth.toString(), { deliver: false })
    const cb = new URL(callbackUrl)
    expect(cb.searchParams.get('state')).toBe('s1')
    const code = cb.searchParams.get('code')!
    const basic = Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret!)}`).toString('base64')
    const res = await fetch(idp.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }).toString()
    })
    const tok = (await res.json()) as Record<string, string>
    expect(res.status).toBe(200)
    expect(tok.token_type).toBe('Bearer')
    const [rec] = idp.requests('token')
    expect(rec!.headers.authorization).toBe(`Basic ${basic}`)
    expect(rec!.body).toContain('grant_type=authorization_code')
    expect(rec!.status).toBe(200)
    const me = await fetch(idp.userinfoUrl, { headers: { authorization: `Bearer ${tok.access_token}` } })
    expect(JSON.parse(await me.text())).toMatchObject({ sub: 'jane', email: 'jane@example.com', preferred_username: 'jane_doe' })
  })

  it('denies consent with access_denied', async () => {
    const redirectUri = `http://127.0.0.1:${await freePort()}/callback`
    const client = basicClient(redirectUri)
    idp = await startIdp({ clients: [client] })
    const auth = new URL(idp.authUrl)
    auth.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.client_id,
      state: 's2',
      redirect_uri: redirectUri,
      scope: 'openid'
    }).toString()
    const { callbackUrl } = await denyConsent(auth.toString(), { deliver: false })
    expect(new URL(callbackUrl).searchParams.get('error')).toBe('access_denied')
  })
})
