import { describe, expect, it } from 'vitest'
import { checkApiKeyFormat } from '../../src/core/panel/api-key'
import {
  humanizeFieldMessage,
  panelHttpError,
  parseErrorMessages,
  redactSecrets,
  splitFieldMessage
} from '../../src/core/panel/panel-errors'
import { appUrlWarnings, loginStartUrlFor, normalizePanelUrl, panelUrlWarnings, redirectUrlFor } from '../../src/core/panel/panel-url'
import { diffProvider, maskBody } from '../../src/core/panel/provider-diff'
import { pageText } from '../../src/core/panel/preflight'
import { emptyProviderConfig } from '../../src/shared/provider'
import type { HttpResponse } from '../../src/core/net/http'

function response(status: number, body: unknown): HttpResponse {
  return {
    url: 'https://panel.example.com/api/admin/oauth-providers',
    status,
    statusText: '',
    headers: new Headers({ 'content-type': 'application/json' }),
    bodyText: typeof body === 'string' ? body : JSON.stringify(body),
    bodyBytes: 0,
    redirects: []
  }
}

describe('panel address', () => {
  it('normalizes what admins type', () => {
    expect(normalizePanelUrl('panel.example.com').base).toBe('https://panel.example.com')
    expect(normalizePanelUrl(' https://panel.example.com/ ').base).toBe('https://panel.example.com')
    expect(normalizePanelUrl('https://host/panel/').base).toBe('https://host/panel')
    expect(normalizePanelUrl('https://host/panel/admin/oauth-providers?page=2#x')).toEqual({
      base: 'https://host/panel',
      origin: 'https://host',
      prefix: '/panel'
    })
    expect(normalizePanelUrl('https://host/api/settings').base).toBe('https://host')
    expect(() => normalizePanelUrl('ftp://host')).toThrow(/https/)
    expect(() => normalizePanelUrl('')).toThrow()
  })

  it('builds the redirect URL from app.url exactly as the panel does (all trailing slashes trimmed)', () => {
    expect(redirectUrlFor('https://panel.example.com//', 'u-1')).toBe('https://panel.example.com/api/auth/oauth/u-1')
    expect(redirectUrlFor('https://host/panel', 'u-1')).toBe('https://host/panel/api/auth/oauth/u-1')
    expect(loginStartUrlFor('https://host/panel/', 'u-1')).toBe('https://host/panel/api/auth/oauth/redirect/u-1')
  })

  it('warns about plain http off loopback and an app.url that differs from the address used', () => {
    expect(panelUrlWarnings(normalizePanelUrl('http://panel.example.com'))).toHaveLength(1)
    expect(panelUrlWarnings(normalizePanelUrl('http://127.0.0.1:8000'))).toEqual([])
    expect(appUrlWarnings(normalizePanelUrl('https://panel.example.com'), 'https://panel.example.com')).toEqual([])
    // A trailing slash: the backend trims it, the admin page does not (docs/panel-behaviour.md#redirect-url).
    const slash = appUrlWarnings(normalizePanelUrl('https://panel.example.com'), 'https://panel.example.com/')
    expect(slash).toHaveLength(1)
    expect(slash[0]).toContain('https://panel.example.com//api/auth/oauth/{uuid}, which will not match')
    expect(slash[0]).toContain('Register https://panel.example.com/api/auth/oauth/{uuid}')
    expect(appUrlWarnings(normalizePanelUrl('https://panel.example.com'), 'http://localhost:8000').join(' ')).toContain('app.url')
    const verbatim = appUrlWarnings(normalizePanelUrl('https://panel.example.com'), 'https://Panel.Example.com:443')
    expect(verbatim).toHaveLength(1)
    expect(verbatim[0]).toContain('exactly as typed (“https://Panel.Example.com:443”)')
  })
})

describe('API key format', () => {
  const key = 'a'.repeat(48)
  it('accepts 48 characters, trimming a pasted newline', () => {
    expect(checkApiKeyFormat(`${key}\n`)).toBe(key)
  })
  it('refuses other lengths, spaces, a Bearer prefix and non-ASCII', () => {
    expect(() => checkApiKeyFormat('a'.repeat(47))).toThrow(/47 characters/)
    expect(() => checkApiKeyFormat(`Bearer ${key}`)).toThrow(/Bearer/)
    expect(() => checkApiKeyFormat(`${'a'.repeat(24)} ${'a'.repeat(23)}`)).toThrow(/spaces/)
    expect(() => checkApiKeyFormat(`${'a'.repeat(47)}é`)).toThrow(/characters/)
    expect(() => checkApiKeyFormat('  ')).toThrow(/Enter/)
  })
})

describe('panel error bodies', () => {
  it('unwraps the doubly wrapped validation report the panel really sends', () => {
    const inner = JSON.stringify({ errors: ['client_id: length is lower than 3', 'scopes: length is greater than 255'] })
    expect(parseErrorMessages(JSON.stringify({ errors: [inner] }))).toEqual([
      'client_id: length is lower than 3',
      'scopes: length is greater than 255'
    ])
    expect(parseErrorMessages('{"errors":["name: length is lower than 1"]}')).toEqual(['name: length is lower than 1'])
    expect(parseErrorMessages('<html>')).toBeNull()
    expect(parseErrorMessages('{"message":"x"}')).toBeNull()
  })

  it('maps field messages, list indexes included, and humanizes garde’s texts', () => {
    expect(splitFieldMessage('identifier_path: must be a valid json path: at position 2, x')).toEqual({
      field: 'identifier_path',
      message: 'must be a valid json path: at position 2, x'
    })
    expect(splitFieldMessage('scopes[3]: bad')).toEqual({ field: 'scopes', message: 'bad' })
    expect(splitFieldMessage('unknown_field: x')).toEqual({ message: 'unknown_field: x' })
    expect(humanizeFieldMessage('client_id', 'length is lower than 3')).toBe('must be at least 3 characters long')
    expect(humanizeFieldMessage('scopes', 'length is greater than 255')).toBe('must have at most 255 entries')
  })

  it('tells each 401/403 apart by the panel’s message', () => {
    expect(panelHttpError(response(401, { errors: ['invalid authorization header'] }), 'GET', 'x').code).toBe('panel.key-malformed')
    expect(panelHttpError(response(401, { errors: ['invalid api key'] }), 'GET', 'x').code).toBe('panel.key-refused')
    expect(panelHttpError(response(401, { errors: ['unauthorized'] }), 'GET', 'x').code).toBe('panel.not-admin')
    const perm = panelHttpError(
      response(403, { errors: ['you do not have permission to perform this action: oauth-providers.update'] }),
      'PATCH',
      'x'
    )
    expect(perm.code).toBe('panel.permission')
    expect(perm.evidence?.details).toEqual({ permission: 'oauth-providers.update' })
    expect(panelHttpError(response(403, { errors: ['two-factor authentication required'] }), 'GET', 'x').message).toContain('two-factor')
    expect(panelHttpError(response(502, '<html>Bad gateway</html>'), 'GET', 'x').code).toBe('panel.unexpected')
  })

  it('redacts client secrets from any body kept as evidence', () => {
    const body = JSON.stringify({ oauth_provider: { name: 'a', client_secret: 'Zq9"wv\\x', client_id: 'id' } })
    const red = redactSecrets(body)
    expect(red).not.toContain('Zq9')
    expect(JSON.parse(red).oauth_provider).toEqual({ name: 'a', client_secret: '[redacted]', client_id: 'id' })
  })
})

describe('diff', () => {
  const base = {
    ...emptyProviderConfig(),
    name: 'X',
    client_id: 'cid',
    auth_url: 'https://a/x',
    token_url: 'https://a/t',
    info_url: 'https://a/i'
  }
  it('treats scope order as a change (the panel joins them in order) and masks secrets', () => {
    const existing = { ...base, uuid: 'u', client_secret: 'same' }
    const d = diffProvider(existing, { ...base, scopes: ['email', 'openid', 'profile'] }, 'same')
    expect(d.changes.map((c) => c.field)).toEqual(['scopes'])
    expect(maskBody({ client_secret: 'x', name: 'n' })).toEqual({ client_secret: '••••••••', name: 'n' })
  })
  it('sends the secret when the panel does not return its own (nothing to compare with), keeps it when none is given', () => {
    const existing = { ...base, uuid: 'u' }
    expect(diffProvider(existing, base, 'new-secret').patch).toEqual({ client_secret: 'new-secret' })
    expect(diffProvider(existing, base, null).patch).toEqual({})
    expect(diffProvider({ ...existing, client_secret: 'same' }, base, 'same').changes).toEqual([])
  })
})

describe('page text', () => {
  it('keeps the visible text of an error page, one block per line', () => {
    expect(pageText('<h1>oops</h1><pre><strong>error</strong>: invalid_client</pre><script>x()</script><p>a &amp; b</p>')).toBe(
      'oops\nerror : invalid_client\na & b'
    )
  })
})
