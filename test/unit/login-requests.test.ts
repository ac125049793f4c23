import { describe, expect, it } from 'vitest'
import { buildAuthorizationUrl, codeChallengeS256, formEncode } from '../../src/core/login/authorization-request'
import { analyseClaims, topLevelMember } from '../../src/core/login/claims-analysis'
import { authorizationError, diagnosePreflight, type DiagnosisContext } from '../../src/core/login/diagnose'
import { basicAuthorization, parseTokenResponse, tokenRequestParts } from '../../src/core/login/token-request'
import type { HttpResponse } from '../../src/core/net/http'

function res(status: number, body: string, headers: Record<string, string> = {}, url = 'https://id.example.com/authorize'): HttpResponse {
  return { url, status, statusText: '', headers: new Headers(headers), bodyText: body, bodyBytes: body.length, redirects: [] }
}

const ctx: DiagnosisContext = {
  redirectUri: 'http://127.0.0.1:53219/callback',
  scopes: ['openid', 'profile', 'email'],
  scopesSupported: ['openid', 'email'],
  extraChecks: false,
  panelRedirectUri: '{app.url}/api/auth/oauth/{uuid}'
}

describe('authorization URL (docs/panel-behaviour.md#login-redirect, oauth2 crate order)', () => {
  const base = { clientId: 'my app', redirectUri: 'http://127.0.0.1:53219/callback', scopes: ['openid', 'profile'], state: 'st' }

  it('appends response_type, client_id, state, redirect_uri, scope, form-encoded', () => {
    expect(buildAuthorizationUrl('https://id.example.com/authorize', base)).toBe(
      'https://id.example.com/authorize?response_type=code&client_id=my+app&state=st&redirect_uri=http%3A%2F%2F127.0.0.1%3A53219%2Fcallback&scope=openid+profile'
    )
  })

  it('keeps the auth_url’s own query first, untouched', () => {
    expect(buildAuthorizationUrl('https://id.example.com/authorize?tenant=a%20b&x=1', base)).toMatch(
      /^https:\/\/id\.example\.com\/authorize\?tenant=a%20b&x=1&response_type=code&/
    )
  })

  it('omits scope when there are no scopes', () => {
    expect(buildAuthorizationUrl('https://id.example.com/a', { ...base, scopes: [] })).not.toContain('scope=')
  })

  it('extra checks: PKCE after state, nonce last', () => {
    const u = new URL(buildAuthorizationUrl('https://id.example.com/a', { ...base, codeChallenge: 'cc', nonce: 'nn' }))
    expect([...u.searchParams.keys()]).toEqual([
      'response_type',
      'client_id',
      'state',
      'code_challenge',
      'code_challenge_method',
      'redirect_uri',
      'scope',
      'nonce'
    ])
    expect(u.searchParams.get('code_challenge_method')).toBe('S256')
  })

  it('RFC 7636 appendix B S256 example', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
  })
})

describe('token request (RFC 6749 §2.3.1, §4.1.3)', () => {
  it('form-urlencodes id and secret before Basic, as Rust’s form_urlencoded does', () => {
    // alnum and *-._ stay; space → +; everything else %XX (so ~ ! ' ( ) are escaped, unlike encodeURIComponent).
    expect(formEncode([['a', "x y~!'()*-._:/é"]])).toBe('a=x+y%7E%21%27%28%29*-._%3A%2F%C3%A9')
    const expected = Buffer.from('id%3A1:s+e%26c%7E').toString('base64')
    expect(basicAuthorization('id:1', 's e&c~')).toBe(`Basic ${expected}`)
  })

  it('puts client_id and client_secret between code and redirect_uri when Basic Auth is off', () => {
    const parts = tokenRequestParts({
      tokenUrl: 'https://x/t',
      clientId: 'c',
      clientSecret: 's s',
      code: 'k/1',
      redirectUri: 'http://127.0.0.1:1/callback',
      auth: 'client_secret_post'
    })
    expect(parts.body).toBe(
      'grant_type=authorization_code&code=k%2F1&client_id=c&client_secret=s+s&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcallback'
    )
    expect(parts.headers).toEqual({ accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' })
  })

  const ok = { access_token: 'a', token_type: 'Bearer' }
  const parse = (body: string, ct: string | null = 'application/json'): ReturnType<typeof parseTokenResponse> =>
    parseTokenResponse(res(200, body, ct ? { 'content-type': ct } : {}), {})

  it('accepts what the oauth2 crate accepts', () => {
    expect(parse(JSON.stringify({ ...ok, expires_in: 3600, scope: 'openid' })).expiresIn).toBe(3600)
    expect(parse(JSON.stringify(ok), 'application/json; charset=utf-8').tokenType).toBe('Bearer')
    expect(parse(JSON.stringify(ok), null).accessToken).toBe('a')
    expect(parse(JSON.stringify({ ...ok, token_type: 'mac' })).tokenType).toBe('mac')
  })

  it('rejects what the oauth2 crate rejects, naming the field', () => {
    const code = (body: string, ct?: string | null): string => {
      try {
        parse(body, ct)
        return 'accepted'
      } catch (e) {
        return (e as { code: string }).code
      }
    }
    expect(code(JSON.stringify({ access_token: 'a' }))).toBe('login.token-missing-token-type')
    expect(code(JSON.stringify({ token_type: 'bearer' }))).toBe('login.token-missing-field')
    expect(code(JSON.stringify({ ...ok, expires_in: '3600' }))).toBe('login.token-bad-field')
    expect(code(JSON.stringify({ ...ok, expires_in: 1.5 }))).toBe('login.token-bad-field')
    expect(code(JSON.stringify(ok), 'text/plain')).toBe('login.token-not-json')
    expect(code('access_token=a&token_type=bearer', null)).toBe('login.token-not-json')
    expect(code('')).toBe('login.token-not-json')
    expect(code('[1]')).toBe('login.token-not-json')
  })
})

describe('diagnosis of the authorization request, before any browser', () => {
  it('an error redirect back to us is read: PKCE required means the panel cannot log in', () => {
    const r = res(303, '', {
      location:
        'http://127.0.0.1:53219/callback?error=invalid_request&error_description=Authorization+Server+policy+requires+PKCE+to+be+used+for+this+request&state=x'
    })
    const err = diagnosePreflight(r, ctx)
    expect(err?.code).toBe('login.pkce-required')
    expect(err?.message).toContain('“Authorization Server policy requires PKCE to be used for this request”')
  })

  it('a redirect to the provider’s own login page is fine', () => {
    expect(diagnosePreflight(res(302, '', { location: '/login?x=1' }), ctx)).toBeNull()
    expect(diagnosePreflight(res(200, '<html>login</html>'), ctx)).toBeNull()
  })

  it('error pages: redirect_uri (Keycloak), unknown client, scope, anything else', () => {
    const kc = diagnosePreflight(
      res(400, '<html><body><div id="kc-error-message"><p class="instruction">Invalid parameter: redirect_uri</p></div></body></html>'),
      ctx
    )
    expect(kc?.code).toBe('login.redirect-uri-mismatch')
    expect(kc?.message).toContain('Invalid parameter: redirect_uri')
    expect(diagnosePreflight(res(400, '<p>Client not found</p>'), ctx)?.code).toBe('login.unknown-client')
    expect(diagnosePreflight(res(400, '{"error":"invalid_scope","error_description":"unknown scope foo"}'), ctx)?.code).toBe(
      'login.invalid-scope'
    )
    expect(diagnosePreflight(res(400, '<p>Something odd</p>'), ctx)?.code).toBe('login.authorization-refused')
    expect(diagnosePreflight(res(404, 'nope'), ctx)?.code).toBe('login.auth-url-not-found')
  })

  it('callback errors in the provider’s words', () => {
    expect(authorizationError({ error: 'access_denied', errorDescription: 'User declined', errorUri: null }, ctx).message).toContain(
      '“User declined”'
    )
    const scope = authorizationError({ error: 'invalid_scope', errorDescription: null, errorUri: null }, ctx)
    expect(scope.hint).toContain('not published by it: profile')
    expect(scope.hint).toContain('scopes_supported): openid email')
    expect(authorizationError({ error: 'unauthorized_client', errorDescription: null, errorUri: null }, ctx).code).toBe(
      'login.unauthorized-client'
    )
    expect(authorizationError({ error: 'weird', errorDescription: 'x', errorUri: null }, ctx).code).toBe('login.authorization-error')
  })
})

describe('claims analysis', () => {
  it('reads simple top-level paths only', () => {
    expect(topLevelMember('$.email')).toBe('email')
    expect(topLevelMember("$['given_name']")).toBe('given_name')
    expect(topLevelMember('$.a.b')).toBe('a')
    expect(topLevelMember('$..email')).toBeNull()
    expect(topLevelMember(null)).toBeNull()
  })

  it('tells a scope that was not requested from a claim the provider does not have', () => {
    const f = analyseClaims({
      userinfoText: '{"sub":"1"}',
      idTokenClaims: { sub: '1', iss: 'x', aud: 'c', nickname: 'j' },
      scopes: ['openid', 'email'],
      paths: { identifier_path: '$.sub', email_path: '$.email', username_path: '$.nickname', name_first_path: '$.uid' },
      grantedScope: 'openid'
    })
    const codes = f.map((x) => x.code)
    expect(codes).toContain('login.claims-only-in-id-token')
    expect(f.find((x) => x.code === 'login.claims-only-in-id-token')!.message).toContain('nickname')
    expect(f.find((x) => x.code === 'login.claim-missing-scope')!.message).toContain('“profile”')
    expect(f.find((x) => x.code === 'login.claim-missing-scope-not-granted')!.message).toContain('“email”')
    expect(f.find((x) => x.code === 'login.claim-missing')!.message).toContain('“uid”')
  })
})
