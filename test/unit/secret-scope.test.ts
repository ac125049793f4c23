import { describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/core/handlers'
import { REDACTED, SecretRedactor } from '../../src/core/redaction/redact'
import { Dispatcher } from '../../src/core/rpc/dispatcher'
import { MemoryVault } from '../../src/core/vault/memory-vault'
import { emptyProviderConfig } from '../../src/shared/provider'
import { freePort } from '../support/oidc-idp'

const API_KEY = 'A'.repeat(20) + '0123456789abcdefghijklmnopqr'

describe('secret scoping', () => {
  it('login:start refuses to use the panel API key as a client secret', async () => {
    const vault = new MemoryVault()
    const d = new Dispatcher(createHandlers({ mode: 'web', version: 't', dataDir: '/x', openExternal: async () => false, vault }))
    expect((await d.call('panel:set-api-key', { panelUrl: 'https://panel.example.com', apiKey: API_KEY })).ok).toBe(true)
    const config = {
      ...emptyProviderConfig(),
      client_id: 'c',
      auth_url: 'https://evil.example/auth',
      token_url: 'https://evil.example/token',
      info_url: 'https://evil.example/me'
    }
    const r = await d.call('login:start', {
      config,
      secretKey: 'panel-api-key/https://panel.example.com',
      port: await freePort(),
      openBrowser: false
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'vault.scope' } })
    expect(JSON.stringify(r)).not.toContain(API_KEY)
  })
})

describe('the redactor', () => {
  it('blanks a known secret in every encoding and secret-shaped values by position', () => {
    const r = new SecretRedactor()
    const s = 'a+b/c=d e&f%g"h\\i'
    r.add(s)
    const forms = [
      s,
      encodeURIComponent(s),
      encodeURIComponent(s).toLowerCase(),
      new URLSearchParams([['', s]]).toString().slice(1),
      JSON.stringify(s).slice(1, -1),
      Buffer.from(s).toString('base64'),
      Buffer.from(s).toString('base64url')
    ]
    for (const f of forms) expect(r.text(`before ${f} after`)).toBe(`before ${REDACTED} after`)
    expect(r.text('Authorization: Basic Y2xpZW50OnNlY3JldA==')).toBe(`Authorization: Basic ${REDACTED}`)
    expect(r.text('client_secret=xyz&code=1')).toBe(`client_secret=${REDACTED}&code=1`)
    expect(r.text('{"refresh_token": "r1", "token_type": "Bearer"}')).toBe(`{"refresh_token": "${REDACTED}", "token_type": "Bearer"}`)
    // Ordinary sentences survive.
    expect(r.text('Turn on Basic Auth, or send a Bearer token.')).toBe('Turn on Basic Auth, or send a Bearer token.')
  })

  it('redacts whole error payloads: message, hint, evidence details and problems', () => {
    const r = new SecretRedactor()
    r.add('topsecret-123')
    const p = r.payload({
      code: 'internal',
      message: 'x topsecret-123',
      hint: 'topsecret-123',
      evidence: { url: 'http://h/?client_secret=topsecret-123', details: { echo: ['topsecret-123'] } },
      problems: [{ message: 'topsecret-123' }]
    })
    expect(JSON.stringify(p)).not.toContain('topsecret-123')
  })

  it('redacts known secrets from results but leaves the admin’s own data alone', () => {
    const r = new SecretRedactor()
    r.add('client-secret-value-1')
    expect(
      r.result({ message: 'panel said client-secret-value-1', doc: { password: 'hunter2', note: 'Authorization: Basic abc' } })
    ).toEqual({
      message: `panel said ${REDACTED}`,
      doc: { password: 'hunter2', note: 'Authorization: Basic abc' }
    })
  })
})
