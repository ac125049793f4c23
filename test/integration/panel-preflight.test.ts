import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { PanelClient } from '../../src/core/panel/panel-client'
import { normalizePanelUrl, redirectUrlFor } from '../../src/core/panel/panel-url'
import { preflightProvider } from '../../src/core/panel/preflight'
import { verifyPanelRedirect } from '../support/login-redirect'
import { emptyProviderConfig, type ProviderConfig } from '../../src/shared/provider'
import { basicClient, startIdp, type IdpClient } from '../support/oidc-idp'
import { startPanelStandin, type PanelStandin } from '../support/panel-standin'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

/**
 * A panel with one provider pointing at a real oidc-provider, whose client registration
 * is `register(redirectUrl)`: the preflight then runs on the panel's own Location.
 */
async function setup(
  register: (redirectUrl: string) => IdpClient | null,
  over: Partial<ProviderConfig> = {}
): Promise<{ panel: PanelStandin; authorizationUrl: string; redirectUrl: string; requests: () => number }> {
  const panel = await startPanelStandin()
  cleanups.push(() => panel.close())
  const provider = panel.seed({ name: 'Test IdP' })
  const redirectUrl = redirectUrlFor(panel.appUrl, provider.uuid)
  const client = register(redirectUrl)
  const idp = await startIdp({ clients: client ? [client] : [] })
  cleanups.push(() => idp.close())
  const config: ProviderConfig = {
    ...emptyProviderConfig(),
    name: 'Test IdP',
    client_id: 'basic-client',
    auth_url: idp.authUrl,
    token_url: idp.tokenUrl,
    info_url: idp.userinfoUrl,
    ...over
  }
  Object.assign(provider, config)
  const v = await verifyPanelRedirect(new PanelClient({ panel: normalizePanelUrl(panel.url) }), provider.uuid, config, panel.appUrl)
  expect(v.ok).toBe(true)
  return { panel, authorizationUrl: v.authorization_url!, redirectUrl, requests: () => idp.requests('auth').length }
}

describe('provider-side preflight against a real oidc-provider', () => {
  it('reaches the login page when client_id, redirect_uri and scopes are registered', async () => {
    const s = await setup((redirect) => basicClient(redirect))
    const r = await preflightProvider(s.authorizationUrl, s.redirectUrl)
    expect(r).toMatchObject({ outcome: 'login-page', ok: true, field: null, error: null })
    expect(r.hops).toBeGreaterThan(0)
    expect(s.requests()).toBe(1)
  })

  it('names a redirect_uri the provider does not know, in its own words', async () => {
    const s = await setup(() => basicClient('https://panel.example.com/api/auth/oauth/other'))
    const r = await preflightProvider(s.authorizationUrl, s.redirectUrl)
    expect(r).toMatchObject({ outcome: 'provider-error', ok: false, field: 'redirect_uri', error: 'invalid_redirect_uri' })
    expect(r.error_description).toContain("redirect_uri did not match any of the client's registered redirect_uris")
    expect(r.hint).toContain('exactly')
  })

  it('names an unknown client_id', async () => {
    const s = await setup(() => null)
    const r = await preflightProvider(s.authorizationUrl, s.redirectUrl)
    expect(r).toMatchObject({ outcome: 'provider-error', field: 'client_id', error: 'invalid_client' })
  })

  it('names a scope the client may not request (an error redirected back to the panel)', async () => {
    const s = await setup((redirect) => basicClient(redirect, { scope: 'openid email' }))
    const r = await preflightProvider(s.authorizationUrl, s.redirectUrl)
    expect(r).toMatchObject({ outcome: 'provider-error', field: 'scopes', error: 'invalid_scope' })
    expect(r.final_url).toBe(s.redirectUrl)
    expect(r.message).toContain('invalid_scope')
  })
})

/** A provider that answers with a fixed page, like hosted providers do. */
async function fixedProvider(status: number, html: string): Promise<string> {
  const srv = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
    res.end(html)
  })
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        srv.closeAllConnections()
        srv.close(() => r())
      })
  )
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}/authorize?response_type=code&client_id=x&redirect_uri=https%3A%2F%2Fpanel.example.com%2Fapi%2Fauth%2Foauth%2Fu&scope=openid`
}

describe('provider-side preflight: hosted providers’ error pages', () => {
  const redirect = 'https://panel.example.com/api/auth/oauth/u'

  it('reads a Google-style “Error 400: redirect_uri_mismatch” page', async () => {
    const url = await fixedProvider(
      400,
      '<html><head><title>Error 400 (OAuth2 Error)</title></head><body><p>Access blocked: This app’s request is invalid</p><p>Error 400: redirect_uri_mismatch</p></body></html>'
    )
    const r = await preflightProvider(url, redirect)
    expect(r).toMatchObject({ outcome: 'provider-error', field: 'redirect_uri', error: 'redirect_uri_mismatch' })
  })

  it('reads a Keycloak-style “Invalid parameter: redirect_uri” page', async () => {
    const url = await fixedProvider(
      400,
      '<html><head><title>Sign in to test</title></head><body><div id="kc-error-message"><p class="instruction">Invalid parameter: redirect_uri</p></div></body></html>'
    )
    const r = await preflightProvider(url, redirect)
    expect(r).toMatchObject({ outcome: 'provider-error', field: 'redirect_uri', error_description: 'Invalid parameter: redirect_uri' })
  })

  it('reads a Microsoft-style AADSTS700016 page as a client_id problem', async () => {
    const url = await fixedProvider(
      200,
      "<html><head><title>Sign in to your account</title></head><body><div>AADSTS700016: Application with identifier 'x' was not found in the directory 'contoso'.</div></body></html>"
    )
    const r = await preflightProvider(url, redirect)
    expect(r).toMatchObject({ outcome: 'provider-error', field: 'client_id' })
    expect(r.error_description).toContain('AADSTS700016')
  })

  it('takes a two-step login (username first) for a login page', async () => {
    const url = await fixedProvider(
      200,
      '<html><head><title>Sign in</title></head><body><form method="post"><label for="u">Username</label><input id="u" name="username"><button>Next</button></form></body></html>'
    )
    expect((await preflightProvider(url, redirect)).outcome).toBe('login-page')
  })

  it('says when a page is neither a login nor a known error', async () => {
    const url = await fixedProvider(
      200,
      '<html><head><title>Loading…</title></head><body><div id="app"></div><script>boot()</script></body></html>'
    )
    const r = await preflightProvider(url, redirect)
    expect(r).toMatchObject({ outcome: 'inconclusive', ok: null, page_title: 'Loading…' })
  })
})
