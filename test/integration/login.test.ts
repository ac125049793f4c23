import http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { startLogin, LoginManager, type LoginConfig, type LoginOptions } from '../../src/core/login/login-flow'
import { basicAuthorization } from '../../src/core/login/token-request'
import { AppError } from '../../src/shared/errors'
import {
  basicClient,
  completeLogin,
  denyConsent,
  freePort,
  postClient,
  startIdp,
  type Idp,
  type IdpClient,
  type StartIdpOptions
} from '../support/oidc-idp'

/**
 * The loopback test login against a real oidc-provider on 127.0.0.1, the dev login
 * completed over HTTP. The provider records what its endpoints received: the token and
 * userinfo requests must be exactly the panel's (docs/panel-behaviour.md#token-and-userinfo-requests).
 */

let idp: Idp | undefined
afterEach(async () => {
  await idp?.close()
  idp = undefined
})

interface Setup {
  idp: Idp
  port: number
  redirectUri: string
  client: IdpClient
  options: (over?: Omit<Partial<LoginOptions>, 'config'> & { config?: Partial<LoginConfig> }) => LoginOptions
}

async function setup(
  makeClient: (redirectUri: string) => IdpClient,
  idpOpts: Omit<StartIdpOptions, 'clients'> = {},
  registered?: (port: number) => string
): Promise<Setup> {
  const port = await freePort()
  const redirectUri = `http://127.0.0.1:${port}/callback`
  const client = makeClient(registered ? registered(port) : redirectUri)
  idp = await startIdp({ ...idpOpts, clients: [client] })
  const i = idp
  return {
    idp: i,
    port,
    redirectUri,
    client,
    options: (over = {}) => ({
      clientSecret: client.client_secret!,
      port,
      timeoutMs: 15_000,
      ...over,
      config: {
        client_id: client.client_id,
        auth_url: i.authUrl,
        token_url: i.tokenUrl,
        info_url: i.userinfoUrl,
        scopes: ['openid', 'profile', 'email'],
        basic_auth: client.token_endpoint_auth_method === 'client_secret_basic',
        identifier_path: '$.sub',
        email_path: '$.email',
        username_path: '$.preferred_username',
        name_first_path: '$.given_name',
        name_last_path: '$.family_name',
        ...over.config
      }
    })
  }
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

/** The query keys of the authorization request the provider received, in order. */
function authQueryKeys(i: Idp): string[] {
  const first = i.requests('auth')[0]!
  return [...new URL(first.url, i.issuer).searchParams.keys()]
}

describe('test login, as the panel does it', () => {
  it('client_secret_basic: Basic with form-urlencoded id and secret, exact body, raw userinfo kept', async () => {
    const s = await setup(basicClient)
    const started = await startLogin(s.options())
    expect(started.redirectUri).toBe(s.redirectUri)
    // Exactly the panel's parameters, in the oauth2 crate's order: no PKCE, no nonce.
    expect(authQueryKeys(s.idp)).toEqual(['response_type', 'client_id', 'state', 'redirect_uri', 'scope'])
    const url = new URL(started.authorizationUrl)
    expect(url.search).toContain('scope=openid+profile+email')
    const page = await completeLogin(started.authorizationUrl)
    expect(page.callbackStatus).toBe(200)
    expect(page.callbackBody).toContain('You can close this tab')
    expect(page.callbackBody).not.toMatch(/code=|state=|token/i)
    const result = await started.result

    const [tok] = s.idp.requests('token')
    const code = new URL(page.callbackUrl).searchParams.get('code')!
    // RFC 6749 §2.3.1: the secret has a space and a "!": form-encoded to "+" and "%21" before base64.
    expect(tok!.headers.authorization).toBe(`Basic ${Buffer.from('basic-client:basic-secret-Xq7%21v9+z').toString('base64')}`)
    expect(tok!.headers.authorization).toBe(basicAuthorization(s.client.client_id, s.client.client_secret!))
    expect(tok!.headers.accept).toBe('application/json')
    expect(tok!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(tok!.body).toBe(
      `grant_type=authorization_code&code=${encodeURIComponent(code)}&redirect_uri=${encodeURIComponent(s.redirectUri)}`
    )

    const [me] = s.idp.requests('userinfo')
    const accessToken = (JSON.parse(tok!.responseBody!) as { access_token: string }).access_token
    expect(me!.method).toBe('GET')
    expect(me!.headers.authorization).toBe(`Bearer ${accessToken}`)
    expect(me!.headers.accept).toBe('*/*')

    expect(result.userinfo.text).toBe(me!.responseBody)
    expect(result.userinfo.status).toBe(200)
    expect(JSON.parse(result.userinfo.text)).toMatchObject({ sub: 'jane', email: 'jane@example.com' })
    expect(result.token_endpoint_auth).toBe('client_secret_basic')
    expect(result.basic_auth).toBe(true)
    expect(result.basic_auth_changed).toBe(false)
    expect(result.token.token_type).toBe('Bearer')
    expect(result.id_token?.verified).toBe(true)
    expect(result.id_token_claims).toMatchObject({ sub: 'jane', iss: s.idp.issuer, aud: s.client.client_id })
    expect(result.findings).toEqual([])
    expect(JSON.stringify(result)).not.toContain(accessToken)
  })

  it('client_secret_post: id and secret in the body, in the panel’s order, no Authorization header', async () => {
    const s = await setup(postClient)
    const started = await startLogin(s.options())
    const page = await completeLogin(started.authorizationUrl)
    const result = await started.result
    const [tok] = s.idp.requests('token')
    const code = new URL(page.callbackUrl).searchParams.get('code')!
    expect(tok!.headers.authorization).toBeUndefined()
    expect(tok!.body).toBe(
      `grant_type=authorization_code&code=${encodeURIComponent(code)}&client_id=post-client&client_secret=post-secret-Kd3%23m1%26w&redirect_uri=${encodeURIComponent(s.redirectUri)}`
    )
    expect(result.token_endpoint_auth).toBe('client_secret_post')
    expect(result.basic_auth).toBe(false)
  })

  it('PKCE required: the panel’s request is refused before login, with the plain consequence', async () => {
    const s = await setup((r) => basicClient(r, { pkce_required: true }))
    const err = await rejection(startLogin(s.options()))
    expect(err.code).toBe('login.pkce-required')
    expect(err.message).toContain('the panel cannot log in with this provider as configured')
    expect(err.message).toContain('PKCE')
    expect(s.idp.requests('token')).toHaveLength(0)
  })

  it('extra checks add PKCE S256 and a nonce, and the ID token’s nonce is verified', async () => {
    const s = await setup((r) => basicClient(r, { pkce_required: true }))
    const started = await startLogin(s.options({ extraChecks: true }))
    expect(authQueryKeys(s.idp)).toEqual([
      'response_type',
      'client_id',
      'state',
      'code_challenge',
      'code_challenge_method',
      'redirect_uri',
      'scope',
      'nonce'
    ])
    await completeLogin(started.authorizationUrl)
    const result = await started.result
    expect(s.idp.requests('token')[0]!.body).toMatch(/&redirect_uri=[^&]+&code_verifier=[A-Za-z0-9_-]{43,}$/)
    expect(result.id_token?.verified).toBe(true)
    expect(typeof result.id_token_claims?.nonce).toBe('string')
  })

  it('a userinfo answered as a signed JWT is diagnosed: the panel cannot read it', async () => {
    const s = await setup((r) => basicClient(r, { userinfo_signed_response_alg: 'RS256' }))
    const started = await startLogin(s.options())
    await completeLogin(started.authorizationUrl)
    const err = await rejection(started.result)
    expect(err.code).toBe('login.userinfo-jwt')
    expect(err.evidence?.contentType).toContain('application/jwt')
    expect(err.evidence?.details?.claimsInJwt).toContain('sub')
  })

  it('a wrong secret: both client authentication methods tried once, then invalid_client', async () => {
    const s = await setup(basicClient)
    const started = await startLogin(s.options({ clientSecret: 'not-the-secret' }))
    await completeLogin(started.authorizationUrl)
    const err = await rejection(started.result)
    expect(err.code).toBe('login.invalid-client')
    expect(err.message).toContain('invalid_client')
    expect(err.message).toContain('both client_secret_basic and client_secret_post')
    expect(err.evidence?.details?.tried).toEqual(['client_secret_basic', 'client_secret_post'])
    const toks = s.idp.requests('token')
    expect(toks).toHaveLength(2)
    expect(toks[0]!.headers.authorization).toMatch(/^Basic /)
    expect(toks[1]!.body).toContain('client_secret=not-the-secret')
    expect(JSON.stringify(err.toPayload())).not.toContain('not-the-secret')
  })

  it('Basic Auth switched after invalid_client when the other method works', async () => {
    const s = await setup(postClient, { strictClientAuth: true })
    const started = await startLogin(s.options({ config: { basic_auth: true } }))
    await completeLogin(started.authorizationUrl)
    const result = await started.result
    expect(result.token_endpoint_auth).toBe('client_secret_post')
    expect(result.basic_auth).toBe(false)
    expect(result.basic_auth_changed).toBe(true)
    expect(result.findings.map((f) => f.code)).toContain('login.basic-auth-switched')
    const toks = s.idp.requests('token')
    expect(toks).toHaveLength(2)
    expect(toks[0]!.status).toBe(401)
    expect(toks[1]!.status).toBe(200)
  })

  it('an unregistered redirect URI is diagnosed before login, showing both URIs', async () => {
    const s = await setup(basicClient, {}, (port) => `http://127.0.0.1:${port}/other-callback`)
    const err = await rejection(startLogin(s.options({ panelRedirectUri: 'https://panel.example.com/api/auth/oauth/123' })))
    expect(err.code).toBe('login.redirect-uri-mismatch')
    expect(err.message).toContain(s.redirectUri)
    expect(err.message).toContain('redirect_uri did not match')
    expect(err.hint).toContain('https://panel.example.com/api/auth/oauth/123')
    expect(err.evidence?.details).toMatchObject({ sentRedirectUri: s.redirectUri })
    // The listener was released: the port can be bound again.
    await expect(listenOnce(s.port)).resolves.toBeUndefined()
  })

  it('an unsupported scope is diagnosed with the provider’s words and scopes_supported', async () => {
    const s = await setup((r) => basicClient(r, { scope: 'openid email' }))
    const doc = (await (await fetch(s.idp.discoveryUrl)).json()) as { scopes_supported: string[] }
    const err = await rejection(startLogin(s.options({ discovery: { scopes_supported: doc.scopes_supported } })))
    expect(err.code).toBe('login.invalid-scope')
    expect(err.message).toContain('requested scope is not allowed')
    expect(err.hint).toContain('scopes_supported')
    expect(err.evidence?.details?.scopes_supported).toEqual(doc.scopes_supported)
  })

  it('consent denied: access_denied in the provider’s words', async () => {
    const s = await setup(basicClient)
    const started = await startLogin(s.options())
    const page = await denyConsent(started.authorizationUrl)
    expect(page.callbackStatus).toBe(200)
    const err = await rejection(started.result)
    expect(err.code).toBe('login.access-denied')
    expect(err.message).toContain('End-User aborted interaction')
    expect(s.idp.requests('token')).toHaveLength(0)
  })

  it('flags claims only in the ID token and claims missing because a scope was not requested', async () => {
    const s = await setup(basicClient, {
      conformIdTokenClaims: false,
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'given_name', 'family_name', 'preferred_username'],
        groups: ['groups']
      },
      accounts: {
        jane: { claims: { sub: 'jane', email: 'jane@example.com', given_name: 'Jane' }, idTokenOnlyClaims: { groups: ['admins'] } }
      }
    })
    const started = await startLogin(s.options({ config: { scopes: ['openid', 'profile', 'groups'] } }))
    await completeLogin(started.authorizationUrl)
    const result = await started.result
    const byCode = Object.fromEntries(result.findings.map((f) => [f.code, f.message]))
    expect(byCode['login.claims-only-in-id-token']).toContain('groups')
    expect(byCode['login.claim-missing-scope']).toContain('“email”')
    expect(result.id_token_claims?.groups).toEqual(['admins'])
  })

  it('an ID token outside this computer’s clock is reported as clock skew, without failing the login', async () => {
    const s = await setup(basicClient)
    const started = await startLogin(s.options({ clockSkewSeconds: 3 * 3600 }))
    await completeLogin(started.authorizationUrl)
    const result = await started.result
    expect(result.id_token?.verified).toBe(false)
    const f = result.findings.find((x) => x.code === 'login.id-token-clock-skew')
    expect(f?.message).toMatch(/clock/)
    expect(JSON.parse(result.userinfo.text).sub).toBe('jane')
  })
})

describe('clock skew below the expiry', () => {
  it('a few minutes of skew still verifies, and is reported', async () => {
    const s = await setup(basicClient)
    const started = await startLogin(s.options({ clockSkewSeconds: -180 }))
    await completeLogin(started.authorizationUrl)
    const result = await started.result
    expect(result.id_token?.verified).toBe(true)
    const f = result.findings.find((x) => x.code === 'login.id-token-clock-skew')
    expect(f?.message).toMatch(/issued 1[78]\d s after this computer’s now/)
  })
})

describe('token and userinfo answers the panel cannot use', () => {
  it('a token response without token_type', async () => {
    const s = await setup(basicClient, {
      rewrite: {
        token: (_r, p) => {
          const j = JSON.parse(p.body) as Record<string, unknown>
          delete j.token_type
          return { body: JSON.stringify(j) }
        }
      }
    })
    const started = await startLogin(s.options())
    await completeLogin(started.authorizationUrl)
    const err = await rejection(started.result)
    expect(err.code).toBe('login.token-missing-token-type')
    expect(err.evidence?.bodyExcerpt).toContain('[redacted]')
    expect(err.evidence?.bodyExcerpt).not.toMatch(/"access_token":"(?!\[redacted\])/)
  })

  it('a token response that is not JSON', async () => {
    const s = await setup(basicClient, {
      rewrite: { token: () => ({ contentType: 'application/x-www-form-urlencoded', body: 'access_token=abc&token_type=bearer' }) }
    })
    const started = await startLogin(s.options())
    await completeLogin(started.authorizationUrl)
    const err = await rejection(started.result)
    expect(err.code).toBe('login.token-not-json')
    expect(err.message).toContain('application/x-www-form-urlencoded')
  })

  it('a userinfo 401 names the Info URL and the provider’s challenge', async () => {
    const s = await setup(basicClient, {
      rewrite: { userinfo: () => ({ status: 401, body: '{"error":"invalid_token"}', contentType: 'application/json' }) }
    })
    const started = await startLogin(s.options())
    await completeLogin(started.authorizationUrl)
    const err = await rejection(started.result)
    expect(err.code).toBe('login.userinfo-unauthorized')
    expect(err.field).toBe('info_url')
    expect(err.evidence?.status).toBe(401)
  })

  it('a userinfo that is not JSON', async () => {
    const s = await setup(basicClient, {
      rewrite: { userinfo: () => ({ status: 200, body: '<html>hello</html>', contentType: 'text/html' }) }
    })
    const started = await startLogin(s.options())
    await completeLogin(started.authorizationUrl)
    const err = await rejection(started.result)
    expect(err.code).toBe('login.userinfo-not-json')
  })
})

function listenOnce(port: number): Promise<void> {
  const srv = http.createServer()
  return new Promise((resolve, reject) => {
    srv.once('error', reject)
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()))
  })
}

function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the loopback listener', () => {
  it('answers a callback with a wrong state 400, never uses its code, and keeps waiting for the real one', async () => {
    const s = await setup(basicClient)
    const started = await startLogin(s.options())
    // Any web page can make the browser load this; it must not end the admin's login.
    const res = await get(s.port, '/callback?code=stolen&state=attacker')
    expect(res.status).toBe(400)
    expect((await get(s.port, '/callback?code=stolen')).status).toBe(400)
    expect(s.idp.requests('token')).toHaveLength(0)
    await completeLogin(started.authorizationUrl)
    expect((await started.result).token_endpoint_auth).toBe('client_secret_basic')
    expect(s.idp.requests('token')).toHaveLength(1)
  })

  it('when only wrong-state answers came, the timeout says so (state-mismatch)', async () => {
    const s = await setup(basicClient)
    const started = await startLogin(s.options({ timeoutMs: 1000 }))
    expect((await get(s.port, '/callback?code=abc')).status).toBe(400)
    const err = await rejection(started.result)
    expect(err.code).toBe('login.state-mismatch')
    expect(err.message).toContain('no state')
    expect(s.idp.requests('token')).toHaveLength(0)
  })

  it('refuses a request naming another host, and keeps waiting for the real one', async () => {
    const s = await setup(basicClient)
    const started = await startLogin(s.options())
    const state = new URL(started.authorizationUrl).searchParams.get('state')!
    const res = await get(s.port, `/callback?code=abc&state=${state}`, 'evil.example')
    expect(res.status).toBe(400)
    await completeLogin(started.authorizationUrl)
    expect((await started.result).token_endpoint_auth).toBe('client_secret_basic')
  })

  it('refuses a second callback after the first valid one', async () => {
    const s = await setup(basicClient)
    const started = await startLogin(s.options())
    const page = await completeLogin(started.authorizationUrl)
    await started.result
    const again = await fetch(page.callbackUrl).then(
      (r) => r.status,
      (e: { cause?: { code?: string } }) => e.cause?.code
    )
    expect(again).toBe('ECONNREFUSED')
    expect(s.idp.requests('token')).toHaveLength(1)
  })

  it('times out', async () => {
    const s = await setup(basicClient)
    const started = await startLogin(s.options({ timeoutMs: 300 }))
    const err = await rejection(started.result)
    expect(err.code).toBe('login.timeout')
    expect(err.hint).toContain(s.redirectUri)
  })

  it('says clearly when the port is taken', async () => {
    const s = await setup(basicClient)
    const blocker = http.createServer()
    await new Promise<void>((r) => blocker.listen(s.port, '127.0.0.1', () => r()))
    try {
      const err = await rejection(startLogin(s.options()))
      expect(err.code).toBe('login.port-in-use')
      expect(err.message).toContain(String(s.port))
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()))
    }
  })

  it('one flow at a time: a new start cancels the pending one; cancel works at any moment', async () => {
    const s = await setup(basicClient)
    const manager = new LoginManager()
    const first = await manager.start(s.options())
    const second = await manager.start(s.options())
    expect((await rejection(first.result)).code).toBe('cancelled')
    await expect(manager.wait(first.flowId)).rejects.toMatchObject({ code: 'login.no-flow' })
    const ac = new AbortController()
    const waiting = manager.wait(second.flowId, ac.signal)
    ac.abort()
    expect((await rejection(waiting)).code).toBe('cancelled')
  })
})
