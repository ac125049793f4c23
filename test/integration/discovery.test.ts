import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { discover, recommendBasicAuth } from '../../src/core/discovery'
import { TROUBLE_CLIENT, TROUBLE_PATHS, TROUBLE_SCOPE, TROUBLE_URLS } from '../../src/core/discovery/troubleshooting'
import { discoveryCandidates } from '../../src/core/discovery/well-known'
import { DEFAULT_TIMEOUT_MS, httpRequest } from '../../src/core/net/http'
import { AppError } from '../../src/shared/errors'
import type { DiscoveryResult, Finding } from '../../src/shared/schemas/discovery'
import { startIdp } from '../support/oidc-idp'
import { closedPort, sendJson, sendText, startRouteServer, type RouteServer } from '../support/route-server'

const here = dirname(fileURLToPath(import.meta.url))
const FIXTURES = join(here, '..', 'fixtures', 'discovery')
const WK = '/.well-known/openid-configuration'

let srv: RouteServer

/**
 * A fixture file with its hosts pointed at loopback: {{ORIGIN}} is the test server
 * (the issuer's host), {{OTHER_1}}/{{OTHER_2}}/{{LOCALHOST}} stand for the providers'
 * other hosts (Google's googleapis.com, Microsoft Graph). Nothing is ever fetched from
 * those: discovery reads the document only.
 */
function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8')
    .replaceAll('{{ORIGIN}}', srv.origin)
    .replaceAll('{{OTHER_1}}', `http://127.0.0.2:${srv.port}`)
    .replaceAll('{{OTHER_2}}', `http://127.0.0.3:${srv.port}`)
    .replaceAll('{{LOCALHOST}}', `http://localhost:${srv.port}`)
}
function fixtureDoc(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>
}

/** A minimal valid document at the server root, to be broken one field at a time. */
function baseDoc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...fixtureDoc('pocket-id.json'), ...overrides }
  for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete doc[k]
  return doc
}

async function serveRoot(doc: unknown): Promise<DiscoveryResult> {
  srv.route(WK, sendJson(doc))
  return discover(srv.origin)
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected the call to fail')
}

const codes = (r: DiscoveryResult): string[] => r.findings.map((f) => f.code)
const errorsOf = (r: DiscoveryResult): Finding[] => r.findings.filter((f) => f.severity === 'error')
function finding(r: DiscoveryResult, code: string): Finding {
  const f = r.findings.find((x) => x.code === code)
  if (!f) throw new Error(`no finding ${code}; got ${codes(r).join(', ')}`)
  return f
}

beforeAll(async () => {
  srv = await startRouteServer()
})
afterAll(async () => {
  await srv.close()
})
beforeEach(() => {
  srv.reset()
})

describe('documents shaped like real providers', () => {
  it('Keycloak: realm issuer with a path', async () => {
    srv.route(`/realms/main${WK}`, sendJson(fixtureDoc('keycloak-realm.json')))
    const r = await discover(`${srv.origin}/realms/main`)
    expect(r).toMatchObject({
      kind: 'oidc',
      document_url: srv.url(`/realms/main${WK}`),
      issuer: `${srv.origin}/realms/main`,
      auth_url: `${srv.origin}/realms/main/protocol/openid-connect/auth`,
      token_url: `${srv.origin}/realms/main/protocol/openid-connect/token`,
      info_url: `${srv.origin}/realms/main/protocol/openid-connect/userinfo`,
      jwks_uri: `${srv.origin}/realms/main/protocol/openid-connect/certs`,
      basic_auth: false,
      code_challenge_methods_supported: ['plain', 'S256']
    })
    expect(r.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email']))
    expect(r.claims_supported).toContain('preferred_username')
    expect(r.findings).toEqual([])
    expect(r.warnings).toEqual([])
  })

  it('Keycloak: the same realm typed with a trailing slash, or as the full well-known URL', async () => {
    srv.route(`/realms/main${WK}`, sendJson(fixtureDoc('keycloak-realm.json')))
    for (const input of [`${srv.origin}/realms/main/`, srv.url(`/realms/main${WK}`)]) {
      const r = await discover(input)
      expect(r.issuer).toBe(`${srv.origin}/realms/main`)
      expect(r.findings).toEqual([])
    }
  })

  it('Authentik: application issuer with a trailing slash', async () => {
    srv.route(`/application/o/calagopus${WK}`, sendJson(fixtureDoc('authentik-application.json')))
    const r = await discover(`${srv.origin}/application/o/calagopus/`)
    expect(r).toMatchObject({
      issuer: `${srv.origin}/application/o/calagopus/`,
      auth_url: `${srv.origin}/application/o/authorize/`,
      token_url: `${srv.origin}/application/o/token/`,
      info_url: `${srv.origin}/application/o/userinfo/`,
      basic_auth: false,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      code_challenge_methods_supported: null
    })
    expect(r.findings).toEqual([])
  })

  it('Pocket-ID: no client authentication methods published → Basic Auth on (the spec default)', async () => {
    const r = await serveRoot(fixtureDoc('pocket-id.json'))
    expect(r).toMatchObject({
      issuer: srv.origin,
      auth_url: `${srv.origin}/authorize`,
      token_url: `${srv.origin}/api/oidc/token`,
      info_url: `${srv.origin}/api/oidc/userinfo`,
      token_endpoint_auth_methods_supported: null,
      basic_auth: true,
      scopes_supported: ['openid', 'profile', 'email', 'groups']
    })
    expect(r.basic_auth_reason).toMatch(/default is client_secret_basic/)
    expect(r.findings).toEqual([])
  })

  it('Google: token and userinfo endpoints on other hosts are warnings, not errors', async () => {
    const r = await serveRoot(fixtureDoc('google.json'))
    expect(r.auth_url).toBe(`${srv.origin}/o/oauth2/v2/auth`)
    expect(r.token_url).toBe(`http://127.0.0.2:${srv.port}/token`)
    expect(r.info_url).toBe(`http://127.0.0.3:${srv.port}/v1/userinfo`)
    expect(errorsOf(r)).toEqual([])
    expect(codes(r).sort()).toEqual(['token_endpoint-other-host', 'userinfo_endpoint-other-host'])
    const token = finding(r, 'token_endpoint-other-host')
    expect(token.severity).toBe('warning')
    expect(token.message).toContain(`127.0.0.2:${srv.port}`)
    expect(token.message).toContain(`127.0.0.1:${srv.port}`)
    // jwks_uri is on a third host (www.googleapis.com); the panel never reads it: no noise.
    expect(r.jwks_uri).toBe(`http://localhost:${srv.port}/oauth2/v3/certs`)
    expect(r.basic_auth).toBe(false)
  })

  it('Microsoft Entra: tenant issuer; userinfo on Graph is another host', async () => {
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47'
    srv.route(`/${tenant}/v2.0${WK}`, sendJson(fixtureDoc('entra-tenant.json')))
    const r = await discover(`${srv.origin}/${tenant}/v2.0`)
    expect(r).toMatchObject({
      issuer: `${srv.origin}/${tenant}/v2.0`,
      auth_url: `${srv.origin}/${tenant}/oauth2/v2.0/authorize`,
      token_url: `${srv.origin}/${tenant}/oauth2/v2.0/token`,
      info_url: `http://127.0.0.2:${srv.port}/oidc/userinfo`,
      basic_auth: false
    })
    expect(codes(r)).toEqual(['userinfo_endpoint-other-host'])
  })

  it('Microsoft Entra multi-tenant: the {tenantid} issuer template is a warning, not a mismatch', async () => {
    srv.route(`/common/v2.0${WK}`, sendJson(fixtureDoc('entra-common.json')))
    const r = await discover(`${srv.origin}/common/v2.0`)
    expect(codes(r)).not.toContain('issuer-mismatch')
    const f = finding(r, 'issuer-template')
    expect(f.severity).toBe('warning')
    expect(f.message).toContain(`${srv.origin}/{tenantid}/v2.0`)
    expect(errorsOf(r)).toEqual([])
  })

  it('Microsoft Entra multi-tenant: a template that does not fit the address asked is a mismatch', async () => {
    srv.route(`/common/oauth2${WK}`, sendJson(fixtureDoc('entra-common.json')))
    const r = await discover(`${srv.origin}/common/oauth2`)
    const f = finding(r, 'issuer-mismatch')
    expect(f.severity).toBe('error')
    expect(f.message).toContain(`${srv.origin}/{tenantid}/v2.0`)
    expect(f.message).toContain(`${srv.origin}/common/oauth2`)
  })

  it('Auth0: issuer with a trailing slash, typed with or without it', async () => {
    srv.route(WK, sendJson(fixtureDoc('auth0.json')))
    for (const input of [srv.origin, `${srv.origin}/`]) {
      const r = await discover(input)
      expect(r).toMatchObject({
        issuer: `${srv.origin}/`,
        auth_url: `${srv.origin}/authorize`,
        token_url: `${srv.origin}/oauth/token`,
        info_url: `${srv.origin}/userinfo`,
        basic_auth: false,
        code_challenge_methods_supported: ['S256', 'plain']
      })
      expect(r.findings).toEqual([])
    }
  })
})

describe('a real OpenID provider (oidc-provider) on loopback', () => {
  it('discovers its three URLs and lists with no findings', async () => {
    const idp = await startIdp()
    try {
      const r = await discover(idp.issuer)
      expect(r).toMatchObject({
        kind: 'oidc',
        document_url: idp.discoveryUrl,
        issuer: idp.issuer,
        auth_url: idp.authUrl,
        token_url: idp.tokenUrl,
        info_url: idp.userinfoUrl,
        jwks_uri: idp.jwksUrl,
        basic_auth: false
      })
      expect(r.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile']))
      expect(r.claims_supported).toEqual(expect.arrayContaining(['sub', 'email', 'preferred_username']))
      expect(r.findings).toEqual([])
    } finally {
      await idp.close()
    }
  })
})

describe('RFC 8414 fallback', () => {
  it('an issuer with a path whose OIDC document 404s is read from the inserted-form oauth-authorization-server URL', async () => {
    const issuer = `${srv.origin}/tenant/a`
    srv.route(
      '/.well-known/oauth-authorization-server/tenant/a',
      sendJson({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        response_types_supported: ['code'],
        token_endpoint_auth_methods_supported: ['client_secret_basic']
      })
    )
    const r = await discover(issuer)
    expect(srv.requests.map((q) => [q.path, q.method])).toEqual([
      ['/tenant/a/.well-known/openid-configuration', 'GET'],
      ['/.well-known/oauth-authorization-server/tenant/a', 'GET']
    ])
    expect(r).toMatchObject({
      kind: 'oauth',
      document_url: srv.url('/.well-known/oauth-authorization-server/tenant/a'),
      issuer,
      auth_url: `${issuer}/authorize`,
      token_url: `${issuer}/token`,
      info_url: null,
      basic_auth: true
    })
    // OAuth metadata has no userinfo: the panel still needs one (error); no openid/jwks nags.
    expect(finding(r, 'userinfo-missing').severity).toBe('error')
    expect(codes(r)).not.toContain('jwks-missing')
    expect(codes(r)).not.toContain('openid-scope-missing')
  })

  it('asks for JSON on both tries', async () => {
    await failure(discover(`${srv.origin}/x`))
    expect(srv.requests).toHaveLength(2)
    for (const q of srv.requests) expect(q.headers.accept).toBe('application/json')
  })

  it('when both answer 404 the error lists every URL tried with its status', async () => {
    srv.route('/nothing/.well-known/openid-configuration', sendText('no such realm', 404))
    const e = await failure(discover(`${srv.origin}/nothing`))
    expect(e.code).toBe('discovery.not-found')
    expect(e.message).toContain(`${srv.url('/nothing/.well-known/openid-configuration')} answered 404`)
    expect(e.message).toContain(`${srv.url('/.well-known/oauth-authorization-server/nothing')} answered 404`)
    expect(e.evidence?.details?.tried).toEqual([
      { url: srv.url('/nothing/.well-known/openid-configuration'), status: 404 },
      { url: srv.url('/.well-known/oauth-authorization-server/nothing'), status: 404 }
    ])
    expect(e.evidence?.bodyExcerpt).toBe('{"error":"not found"}')
  })

  it('a pasted well-known URL is fetched alone: its 404 is final', async () => {
    const e = await failure(discover(srv.url(`/realms/gone${WK}`)))
    expect(e.code).toBe('discovery.not-found')
    expect(srv.requests.map((q) => q.path)).toEqual([`/realms/gone${WK}`])
  })
})

describe('input normalisation', () => {
  it('a bare host becomes an https issuer, with the OIDC then the RFC 8414 document', () => {
    expect(discoveryCandidates('id.example.com')).toEqual([
      { kind: 'oidc', url: 'https://id.example.com/.well-known/openid-configuration', expectedIssuer: 'https://id.example.com' },
      { kind: 'oauth', url: 'https://id.example.com/.well-known/oauth-authorization-server', expectedIssuer: 'https://id.example.com' }
    ])
    expect(discoveryCandidates('  id.example.com:8443  ')[0]).toEqual({
      kind: 'oidc',
      url: 'https://id.example.com:8443/.well-known/openid-configuration',
      expectedIssuer: 'https://id.example.com:8443'
    })
  })

  it('an issuer with a path, with or without a trailing slash; query and fragment dropped', () => {
    const expected = [
      {
        kind: 'oidc',
        url: 'https://kc.example.com/realms/main/.well-known/openid-configuration',
        expectedIssuer: 'https://kc.example.com/realms/main'
      },
      {
        kind: 'oauth',
        url: 'https://kc.example.com/.well-known/oauth-authorization-server/realms/main',
        expectedIssuer: 'https://kc.example.com/realms/main'
      }
    ]
    expect(discoveryCandidates('https://kc.example.com/realms/main')).toEqual(expected)
    expect(discoveryCandidates('https://kc.example.com/realms/main/')).toEqual(expected)
    expect(discoveryCandidates('kc.example.com/realms/main?x=1#top')).toEqual(expected)
    expect(discoveryCandidates('https://id.example.com/')[0]!.url).toBe('https://id.example.com/.well-known/openid-configuration')
  })

  it('http:// is kept when typed (loopback providers in tests, LAN setups)', () => {
    expect(discoveryCandidates('http://127.0.0.1:9000/realms/x')[0]!.url).toBe(
      'http://127.0.0.1:9000/realms/x/.well-known/openid-configuration'
    )
  })

  it('full well-known URLs are used as they are', () => {
    expect(discoveryCandidates('https://kc.example.com/realms/main/.well-known/openid-configuration')).toEqual([
      {
        kind: 'oidc',
        url: 'https://kc.example.com/realms/main/.well-known/openid-configuration',
        expectedIssuer: 'https://kc.example.com/realms/main'
      }
    ])
    expect(discoveryCandidates('https://as.example.com/.well-known/oauth-authorization-server/tenant')).toEqual([
      {
        kind: 'oauth',
        url: 'https://as.example.com/.well-known/oauth-authorization-server/tenant',
        expectedIssuer: 'https://as.example.com/tenant'
      }
    ])
    // The suffix-appended form Keycloak serves per realm.
    expect(discoveryCandidates('https://kc.example.com/realms/main/.well-known/oauth-authorization-server')).toEqual([
      {
        kind: 'oauth',
        url: 'https://kc.example.com/realms/main/.well-known/oauth-authorization-server',
        expectedIssuer: 'https://kc.example.com/realms/main'
      }
    ])
  })

  it.each([
    ['', /Enter the provider’s address/],
    ['   ', /Enter the provider’s address/],
    ['not a url at all', /“not a url at all” is not a web address/],
    ['https://', /is not a web address/],
    ['ftp://id.example.com', /Only http\(s\) addresses can be discovered, not ftp:\/\//],
    ['https://admin:hunter2@id.example.com', /must not contain a user name or password/]
  ])('garbage input %j is refused before any request', (input, message) => {
    let err: unknown
    try {
      discoveryCandidates(input)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('discovery.input')
    expect((err as AppError).field).toBe('url')
    expect((err as AppError).message).toMatch(message)
  })

  it('the user:password refusal never repeats the password', () => {
    try {
      discoveryCandidates('https://admin:hunter2@id.example.com')
    } catch (e) {
      expect(JSON.stringify((e as AppError).toPayload())).not.toContain('hunter2')
    }
  })
})

describe('broken answers: transport', () => {
  it('timeout: a server that never answers', async () => {
    srv.route(WK, () => {
      /* never answers */
    })
    const e = await failure(discover(srv.origin, { timeoutMs: 300 }))
    expect(e.code).toBe('net.timeout')
    expect(e.message).toBe('The provider did not answer within 300 ms.')
    expect(e.evidence?.url).toBe(srv.url(WK))
    expect(DEFAULT_TIMEOUT_MS).toBe(10_000)
  })

  it('cancel: the caller’s AbortSignal stops the request', async () => {
    let arrived!: () => void
    const received = new Promise<void>((resolve) => (arrived = resolve))
    srv.route(WK, () => arrived())
    const controller = new AbortController()
    const pending = failure(discover(srv.origin, { signal: controller.signal }))
    await received
    controller.abort()
    const e = await pending
    expect(e.code).toBe('cancelled')
  })

  it('body over 1 MiB announced by content-length', async () => {
    srv.route(WK, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) })
      res.write('{"issuer":"')
    })
    const e = await failure(discover(srv.origin))
    expect(e.code).toBe('net.too-large')
    expect(e.message).toBe('The provider sent more than 1 MiB; this is not the document we expected.')
    expect(e.evidence).toMatchObject({ url: srv.url(WK), status: 200, details: { limitBytes: 1048576, contentLength: 2097152 } })
  })

  it('body over 1 MiB streamed without content-length', async () => {
    srv.route(WK, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = 'x'.repeat(64 * 1024)
      for (let i = 0; i < 24; i++) res.write(chunk)
      res.end()
    })
    const e = await failure(discover(srv.origin))
    expect(e.code).toBe('net.too-large')
    expect(e.evidence?.details).toEqual({ limitBytes: 1048576 })
  })

  it('too many redirects: the message names where the loop went', async () => {
    let n = 0
    srv.route(WK, (_req, res) => {
      n++
      res.writeHead(302, { location: `${WK}?hop=${n}` }).end()
    })
    const e = await failure(discover(srv.origin))
    expect(e.code).toBe('net.too-many-redirects')
    expect(e.message).toBe(`The provider redirected more than 5 times (the last redirect pointed to ${srv.url(`${WK}?hop=6`)}).`)
    expect(e.evidence?.details?.redirects).toHaveLength(6)
    expect(e.evidence?.status).toBe(302)
  })

  it('a redirect is followed and the final URL reported', async () => {
    srv.route(WK, (_req, res) => void res.writeHead(301, { location: '/moved/openid-configuration' }).end())
    srv.route('/moved/openid-configuration', sendJson(fixtureDoc('pocket-id.json')))
    const r = await discover(srv.origin)
    expect(r.document_url).toBe(srv.url('/moved/openid-configuration'))
    expect(r.findings).toEqual([])
  })

  it('a redirect to a non-http address is refused with the Location quoted', async () => {
    srv.route(WK, (_req, res) => void res.writeHead(302, { location: 'file:///etc/passwd' }).end())
    const e = await failure(discover(srv.origin))
    expect(e.code).toBe('net.bad-redirect')
    expect(e.message).toContain('file:///etc/passwd')
  })

  it('unresolvable host (.invalid fails at name resolution)', async () => {
    const e = await failure(discover('http://idp.invalid/realms/main'))
    expect(e.code).toBe('net.dns')
    expect(e.message).toMatch(/^The host name idp\.invalid could not be resolved \((ENOTFOUND|EAI_AGAIN)\)\.$/)
    expect(e.evidence?.url).toBe('http://idp.invalid/realms/main/.well-known/openid-configuration')
  })

  it('a port that fetch refuses to contact (6000) gets its own message, not "fetch failed"', async () => {
    const e = await failure(discover('http://127.0.0.1:6000'))
    expect(e.code).toBe('net.bad-port')
    expect(e.message).toContain('127.0.0.1:6000')
  })

  it('connection refused on a closed loopback port', async () => {
    const port = await closedPort()
    const e = await failure(discover(`http://127.0.0.1:${port}`))
    expect(e.code).toBe('net.unreachable')
    expect(e.message).toBe(`The provider at 127.0.0.1:${port} could not be reached (ECONNREFUSED).`)
  })
})

describe('broken answers: status and body', () => {
  it('HTTP 500: status in the message, the body quoted in the evidence', async () => {
    srv.route(WK, sendText('java.lang.NullPointerException at RealmResource', 500))
    const e = await failure(discover(srv.origin))
    expect(e.code).toBe('discovery.http-status')
    expect(e.message).toBe(`The provider answered 500 Internal Server Error for ${srv.url(WK)}.`)
    expect(e.evidence).toMatchObject({ status: 500, bodyExcerpt: 'java.lang.NullPointerException at RealmResource' })
    expect(e.hint).toMatch(/internal error/)
  })

  it.each([
    [401, 'Unauthorized'],
    [403, 'Forbidden']
  ])('HTTP %i: the document must be public', async (status, text) => {
    srv.route(
      WK,
      (_req, res) =>
        void res.writeHead(status, { 'www-authenticate': 'Basic realm="sso"', 'content-type': 'text/plain' }).end('denied by proxy')
    )
    const e = await failure(discover(srv.origin))
    expect(e.code).toBe('discovery.http-status')
    expect(e.message).toBe(`The provider answered ${status} ${text} for ${srv.url(WK)}.`)
    expect(e.evidence?.bodyExcerpt).toBe('denied by proxy')
    expect(e.hint).toMatch(/must be public/)
  })

  it('an HTML login page instead of JSON', async () => {
    srv.route(WK, sendText(readFileSync(join(FIXTURES, 'login-page.html'), 'utf8'), 200, 'text/html; charset=utf-8'))
    const e = await failure(discover(srv.origin))
    expect(e.code).toBe('discovery.html')
    expect(e.message).toBe('This looks like a web page, not the discovery document.')
    expect(e.evidence?.contentType).toBe('text/html; charset=utf-8')
    expect(e.evidence?.bodyExcerpt).toContain('<title>Sign in to Calagopus Test SSO</title>')
  })

  it('markup is a web page whatever its content type or first tag', async () => {
    srv.route(WK, sendText('<!-- nginx --><p>Welcome</p>', 200, 'application/json'))
    expect((await failure(discover(srv.origin))).code).toBe('discovery.html')
  })

  it('a valid document mislabelled text/html is still read', async () => {
    srv.route(WK, sendText(fixtureText('pocket-id.json'), 200, 'text/html'))
    const r = await discover(srv.origin)
    expect(r.token_url).toBe(`${srv.origin}/api/oidc/token`)
  })

  it('invalid JSON: line and column in the message', async () => {
    srv.route(WK, sendText(readFileSync(join(FIXTURES, 'missing-comma.json'), 'utf8'), 200, 'application/json'))
    const e = await failure(discover(srv.origin))
    expect(e.code).toBe('discovery.invalid-json')
    expect(e.message).toMatch(/^The discovery document is not valid JSON at line 4, column 3: /)
    expect(e.evidence?.details).toEqual({ line: 4, column: 3 })
    expect(e.evidence?.bodyExcerpt).toContain('"authorization_endpoint": "https://id.example.com/authorize"\n  "token_endpoint"')
  })

  it('empty body', async () => {
    srv.route(WK, sendText('', 200, 'application/json'))
    const e = await failure(discover(srv.origin))
    expect(e.code).toBe('discovery.empty')
    expect(e.message).toBe('The provider answered 200 with an empty body.')
  })

  it('a JSON array instead of an object', async () => {
    srv.route(WK, sendJson(['issuer', 'authorization_endpoint']))
    const e = await failure(discover(srv.origin))
    expect(e.code).toBe('discovery.not-object')
    expect(e.message).toBe('The discovery document must be a JSON object; this one is an array.')
    expect(e.evidence?.bodyExcerpt).toBe('["issuer","authorization_endpoint"]')
  })
})

describe('broken documents: spec findings', () => {
  it('missing authorization_endpoint', async () => {
    const r = await serveRoot(baseDoc({ authorization_endpoint: undefined }))
    const f = finding(r, 'authorization_endpoint-missing')
    expect(f).toMatchObject({
      severity: 'error',
      message: 'The document has no “authorization_endpoint” (the authorization endpoint (Auth URL)).'
    })
    expect(r.auth_url).toBeNull()
  })

  it('missing token_endpoint', async () => {
    const r = await serveRoot(baseDoc({ token_endpoint: undefined }))
    expect(finding(r, 'token_endpoint-missing')).toMatchObject({ severity: 'error', message: expect.stringContaining('“token_endpoint”') })
    expect(r.token_url).toBeNull()
  })

  it('missing issuer', async () => {
    const r = await serveRoot(baseDoc({ issuer: undefined }))
    expect(finding(r, 'issuer-missing').severity).toBe('error')
    expect(r.issuer).toBe(srv.origin)
  })

  it('issuer that does not match the URL asked', async () => {
    const r = await serveRoot(baseDoc({ issuer: 'https://sso.internal.example' }))
    const f = finding(r, 'issuer-mismatch')
    expect(f.severity).toBe('error')
    expect(f.message).toBe(`The document says its issuer is https://sso.internal.example, but it was fetched for ${srv.origin}.`)
  })

  it('http:// endpoint on a non-loopback host (nothing is requested from it)', async () => {
    const r = await serveRoot(baseDoc({ authorization_endpoint: 'http://id.example.com/authorize' }))
    const f = finding(r, 'authorization_endpoint-insecure')
    expect(f.severity).toBe('error')
    expect(f.message).toContain('plain http:// on id.example.com')
    expect(srv.requests.map((q) => q.path)).toEqual([WK])
  })

  it('http:// on loopback is accepted', async () => {
    const r = await serveRoot(baseDoc())
    expect(r.auth_url!.startsWith('http://127.0.0.1:')).toBe(true)
    expect(codes(r).some((c) => c.endsWith('-insecure'))).toBe(false)
  })

  it('an insecure jwks_uri is only a warning: the panel never reads it', async () => {
    const r = await serveRoot(baseDoc({ jwks_uri: 'http://keys.example.com/jwks' }))
    expect(finding(r, 'jwks_uri-insecure').severity).toBe('warning')
    expect(errorsOf(r)).toEqual([])
  })

  it('endpoint on a different host than the issuer: a warning only', async () => {
    const r = await serveRoot(baseDoc({ token_endpoint: `http://localhost:${srv.port}/api/oidc/token` }))
    const f = finding(r, 'token_endpoint-other-host')
    expect(f.severity).toBe('warning')
    expect(f.message).toBe(`The token endpoint (Token URL) is on localhost:${srv.port}, not on the issuer’s host 127.0.0.1:${srv.port}.`)
    expect(errorsOf(r)).toEqual([])
  })

  it('an endpoint that is not a URL string', async () => {
    const r = await serveRoot(baseDoc({ userinfo_endpoint: ['a', 'b'], token_endpoint: '/api/oidc/token' }))
    expect(finding(r, 'userinfo_endpoint-invalid').message).toBe('“userinfo_endpoint” must be a URL string, not ["a","b"].')
    expect(finding(r, 'token_endpoint-invalid').message).toBe('“token_endpoint” is not an absolute URL: /api/oidc/token.')
    // Reported once, as malformed, not a second time as missing.
    expect(codes(r)).not.toContain('userinfo-missing')
  })
})

describe('broken documents: panel compatibility', () => {
  it('missing userinfo_endpoint is an error: the panel reads every attribute from it', async () => {
    const r = await serveRoot(baseDoc({ userinfo_endpoint: undefined }))
    const f = finding(r, 'userinfo-missing')
    expect(f.severity).toBe('error')
    expect(f.message).toContain('userinfo_endpoint')
    expect(r.info_url).toBeNull()
  })

  it('“code” not in response_types_supported', async () => {
    const r = await serveRoot(baseDoc({ response_types_supported: ['id_token', 'id_token token'] }))
    const f = finding(r, 'code-flow-unsupported')
    expect(f.severity).toBe('error')
    expect(f.message).toContain('(response_types_supported: id_token, id_token token)')
  })

  it('“code id_token” alone does not count as the code flow', async () => {
    const r = await serveRoot(baseDoc({ response_types_supported: ['code id_token'] }))
    expect(codes(r)).toContain('code-flow-unsupported')
  })

  it('grant_types_supported without authorization_code', async () => {
    const r = await serveRoot(baseDoc({ grant_types_supported: ['client_credentials'] }))
    expect(finding(r, 'grant-unsupported')).toMatchObject({ severity: 'error', message: expect.stringContaining('(client_credentials)') })
  })

  it('token endpoint accepting neither client_secret_basic nor client_secret_post', async () => {
    const r = await serveRoot(baseDoc({ token_endpoint_auth_methods_supported: ['private_key_jwt', 'tls_client_auth'] }))
    const f = finding(r, 'client-auth-unsupported')
    expect(f.severity).toBe('error')
    expect(f.message).toBe(
      'The token endpoint accepts only private_key_jwt, tls_client_auth; the panel can authenticate only with client_secret_basic or client_secret_post.'
    )
    expect(r.basic_auth).toBe(false)
  })

  it('an empty token_endpoint_auth_methods_supported list is said as such', async () => {
    const r = await serveRoot(baseDoc({ token_endpoint_auth_methods_supported: [] }))
    expect(finding(r, 'client-auth-unsupported').message).toMatch(/^The token endpoint lists no client authentication method;/)
  })

  it('“openid” missing from scopes_supported: a warning quoting the list', async () => {
    const r = await serveRoot(baseDoc({ scopes_supported: ['email', 'profile'] }))
    const f = finding(r, 'openid-scope-missing')
    expect(f.severity).toBe('warning')
    expect(f.message).toBe('scopes_supported (email, profile) does not list “openid”.')
  })

  it('claims_supported absent: a warning that paths must come from a test login', async () => {
    const r = await serveRoot(baseDoc({ claims_supported: undefined }))
    const f = finding(r, 'claims-unpublished')
    expect(f.severity).toBe('warning')
    expect(f.message).toMatch(/test login/)
    expect(r.claims_supported).toBeNull()
  })

  it('scopes_supported absent is an info, and the list is null', async () => {
    const r = await serveRoot(baseDoc({ scopes_supported: undefined }))
    expect(finding(r, 'scopes-unpublished').severity).toBe('info')
    expect(r.scopes_supported).toBeNull()
  })

  it('warnings carry every finding as one line, with its severity', async () => {
    const r = await serveRoot(baseDoc({ claims_supported: undefined, userinfo_endpoint: undefined }))
    expect(r.warnings).toHaveLength(r.findings.length)
    expect(r.warnings).toContainEqual(expect.stringMatching(/^error: The provider publishes no userinfo_endpoint/))
    expect(r.warnings).toContainEqual(expect.stringMatching(/^warning: The provider does not publish claims_supported/))
  })
})

describe('Basic Auth recommendation (the panel switch: on = client_secret_basic, off = client_secret_post)', () => {
  it.each<[string[] | null, boolean, RegExp]>([
    [null, true, /default is client_secret_basic/],
    [['client_secret_basic'], true, /only client_secret_basic/],
    [['client_secret_post'], false, /only client_secret_post/],
    [['client_secret_basic', 'client_secret_post'], false, /accepts both/],
    [['client_secret_post', 'private_key_jwt', 'client_secret_basic'], false, /accepts both/],
    [['private_key_jwt', 'client_secret_basic'], true, /only client_secret_basic/],
    [['private_key_jwt'], false, /neither client_secret_basic nor client_secret_post \(private_key_jwt\)/],
    [[], false, /neither .* \(none listed\)/]
  ])('%j → %s', (methods, expected, reason) => {
    const r = recommendBasicAuth(methods)
    expect(r.basic_auth).toBe(expected)
    expect(r.reason).toMatch(reason)
  })
})

describe('hints point at the seed guide’s troubleshooting cases', () => {
  /** Case titles: the lines followed by a "Cause:" line, quotes removed. */
  function casesIn(text: string): string[] {
    const lines = text.slice(Math.max(0, text.indexOf('\nTroubleshooting\n'))).split('\n')
    return lines
      .filter((_, i) => lines[i + 1]?.startsWith('Cause:'))
      .map((l) =>
        l
          .replace(/^Error:\s*/, '')
          .replace(/["“”]/g, '')
          .trim()
      )
  }
  /** The guide's cases, from the copy kept with the fixtures (a missing fixture fails the test). */
  function seedCases(): string[] {
    return casesIn(readFileSync(join(FIXTURES, 'seed-troubleshooting.txt'), 'utf8'))
  }

  it('the fixture holds the guide’s seven troubleshooting cases', () => {
    expect(seedCases()).toEqual([
      'Redirect URI Mismatch or Invalid Redirect URI',
      'Invalid URLs or connection fails immediately',
      'Failed to extract user data or missing user information',
      'Invalid Scope or Insufficient Scopes',
      'Invalid Client or Authentication Failed',
      "OAuth connection button doesn't appear",
      'Access Denied after clicking authorize'
    ])
  })
  /** The case a hint names, or null. */
  function caseOf(hint: string | undefined): string | null {
    const m = /Troubleshooting case “([^”]+)”/.exec(hint ?? '')
    return m ? m[1]!.replace(/["“”]/g, '') : null
  }

  it('the four constants name real cases of the guide', () => {
    const cases = seedCases()
    expect(cases).toContain('Invalid URLs or connection fails immediately')
    for (const hint of [TROUBLE_URLS, TROUBLE_SCOPE, TROUBLE_CLIENT, TROUBLE_PATHS]) expect(cases).toContain(caseOf(hint))
  })

  it('each panel-relevant finding maps to its case; the others name none', async () => {
    const r = await serveRoot(
      baseDoc({
        authorization_endpoint: undefined,
        token_endpoint: 'http://id.example.com/token',
        userinfo_endpoint: undefined,
        response_types_supported: ['token'],
        scopes_supported: ['email'],
        claims_supported: undefined,
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        issuer: 'https://elsewhere.example'
      })
    )
    const cases = seedCases()
    const mapped = Object.fromEntries(r.findings.map((f) => [f.code, caseOf(f.hint)]))
    expect(mapped).toEqual({
      'issuer-mismatch': null,
      'authorization_endpoint-missing': 'Invalid URLs or connection fails immediately',
      'token_endpoint-insecure': null,
      'token_endpoint-other-host': null,
      'userinfo-missing': 'Invalid URLs or connection fails immediately',
      'code-flow-unsupported': 'Invalid URLs or connection fails immediately',
      'openid-scope-missing': 'Invalid Scope or Insufficient Scopes',
      'claims-unpublished': 'Failed to extract user data or missing user information',
      'client-auth-unsupported': 'Invalid Client or Authentication Failed'
    })
    for (const c of Object.values(mapped)) if (c) expect(cases).toContain(c)
  })

  it('a document that cannot be found, or a 4xx, points at “Invalid URLs”', async () => {
    const notFound = await failure(discover(`${srv.origin}/nope`))
    expect(caseOf(notFound.hint)).toBe('Invalid URLs or connection fails immediately')
    srv.route(WK, sendText('bad request', 400))
    const bad = await failure(discover(srv.origin))
    expect(bad.code).toBe('discovery.http-status')
    expect(caseOf(bad.hint)).toBe('Invalid URLs or connection fails immediately')
  })
})

describe('httpRequest redirects and credentials', () => {
  it('drops Authorization when a redirect leaves the origin, keeps it on the same origin', async () => {
    srv.route('/same', (_req, res) => void res.writeHead(302, { location: '/landing' }).end())
    srv.route('/cross', (_req, res) => void res.writeHead(302, { location: `http://localhost:${srv.port}/landing` }).end())
    srv.route('/landing', sendJson({ ok: true }))
    await httpRequest({ url: srv.url('/same'), headers: { authorization: 'Bearer same-origin-key' } })
    await httpRequest({ url: srv.url('/cross'), headers: { Authorization: 'Bearer cross-origin-key', accept: 'application/json' } })
    const landings = srv.requests.filter((q) => q.path === '/landing')
    expect(landings).toHaveLength(2)
    expect(landings[0]!.headers.authorization).toBe('Bearer same-origin-key')
    expect(landings[1]!.headers.authorization).toBeUndefined()
    expect(landings[1]!.headers.accept).toBe('application/json')
  })

  it('a 303 after POST continues as GET without the body or its content type', async () => {
    srv.route('/submit', (_req, res) => void res.writeHead(303, { location: '/done' }).end())
    srv.route('/done', sendJson({ ok: true }))
    const res = await httpRequest({
      url: srv.url('/submit'),
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' }
    })
    expect(res.status).toBe(200)
    const done = srv.requests.find((q) => q.path === '/done')!
    expect(done.method).toBe('GET')
    expect(done.headers['content-type']).toBeUndefined()
  })
})
