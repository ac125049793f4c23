import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/core/handlers'
import { encodingsOf } from '../../src/core/redaction/redact'
import { Dispatcher } from '../../src/core/rpc/dispatcher'
import type { Services } from '../../src/core/services'
import { MemoryVault } from '../../src/core/vault/memory-vault'
import { basicAuthorization } from '../../src/core/login/token-request'
import { emptyProviderConfig } from '../../src/shared/provider'
import { freePort } from '../support/oidc-idp'

/** A secret with every character an encoding changes: `+ / = & %`, a space and non-ASCII. */
const SECRET = 'Zq+7/x=Kp&w%20 é"\\end'
const CLIENT_ID = 'client one'
/** A Calagopus API key is 48 characters. */
const API_KEY = 'kA93xLq0Zr7TfW2nB8vYc4Md1Hs6Pj5Ge0Ru9Oi3Ky7Lx2Nw'.slice(0, 48)

/** Every form in which the secret could come back: those the provider echoes below, and more. */
function leakedForms(): string[] {
  const basic = basicAuthorization(CLIENT_ID, SECRET).slice('Basic '.length)
  return [...encodingsOf(SECRET), basic, basic.replace(/=+$/, ''), API_KEY]
}

let servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
  servers = []
})

async function serve(handler: (req: IncomingMessage, body: string) => { status: number; type: string; body: string }): Promise<string> {
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      const a = handler(req, body)
      res.writeHead(a.status, { 'content-type': a.type }).end(a.body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  servers.push(server)
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function dispatcher(): Dispatcher {
  const services: Services = {
    mode: 'web',
    version: 't',
    dataDir: '/nonexistent',
    openExternal: async () => false,
    vault: new MemoryVault()
  }
  return new Dispatcher(createHandlers(services))
}

async function failedLogin(d: Dispatcher, tokenUrl: string, basic: boolean): Promise<string> {
  expect((await d.call('vault:set', { key: 'client-secret/d1', value: SECRET })).ok).toBe(true)
  const config = {
    ...emptyProviderConfig(),
    client_id: CLIENT_ID,
    auth_url: `${tokenUrl}/auth`,
    token_url: `${tokenUrl}/token`,
    info_url: tokenUrl,
    basic_auth: basic
  }
  const started = await d.call('login:start', { config, secretKey: 'client-secret/d1', port: await freePort(), openBrowser: false })
  if (!started.ok) throw new Error(started.error.message)
  const { authorizationUrl, redirectUri, flowId } = started.data as { authorizationUrl: string; redirectUri: string; flowId: string }
  const state = new URL(authorizationUrl).searchParams.get('state')!
  const cb = await fetch(`${redirectUri}?state=${encodeURIComponent(state)}&code=the-code-4711`)
  expect(cb.status).toBe(200)
  const waited = await d.call('login:wait', { flowId })
  expect(waited.ok).toBe(false)
  return JSON.stringify(waited)
}

describe('secrets a remote party echoes never reach the user', () => {
  for (const basic of [false, true]) {
    it(`token endpoint echoing the request (${basic ? 'Basic' : 'form'} auth): no encoding of the secret in message or evidence`, async () => {
      const tokenUrl = await serve((req, body) =>
        req.url?.startsWith('/auth')
          ? { status: 200, type: 'text/html', body: '<form>login</form>' }
          : {
              status: 401,
              type: 'application/json',
              body: JSON.stringify({
                error: 'invalid_client',
                error_description: `got body ${body} authorization ${req.headers.authorization ?? '-'} json ${JSON.stringify(SECRET)}`
              })
            }
      )
      const out = await failedLogin(dispatcher(), tokenUrl, basic)
      for (const form of [...leakedForms(), 'the-code-4711']) expect(out).not.toContain(form)
      expect(out).toContain('[redacted]')
      // The redaction leaves the rest of what the provider said readable.
      expect(out).toContain('invalid_client')
    })
  }

  it('a proxy page quoting the panel API key does not reach error.evidence', async () => {
    const panel = await serve((req) => ({
      status: 502,
      type: 'text/html',
      body: `<html><pre>502 Bad Gateway\nupstream request: GET ${req.url}\nAuthorization: ${req.headers.authorization ?? 'Bearer ' + API_KEY}\nkey=${API_KEY}</pre></html>`
    }))
    const d = dispatcher()
    expect((await d.call('panel:set-api-key', { panelUrl: panel, apiKey: API_KEY })).ok).toBe(true)
    const r = await d.call('panel:check', { panelUrl: panel })
    expect(r.ok).toBe(false)
    const out = JSON.stringify(r)
    expect(out).toContain('502')
    expect(out).not.toContain(API_KEY)
    expect(out).not.toContain(API_KEY.slice(0, 24))
  })
})
