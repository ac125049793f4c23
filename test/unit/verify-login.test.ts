import { describe, expect, it } from 'vitest'
import { normalizePanelUrl } from '../../src/core/panel/panel-url'
import { loginAdvice, RedirectLog } from '../../src/core/panel/verify-login'

const UUID = '0b6a8f1e-3c55-4d59-9a43-2d1f2a3b4c5d'

describe('RedirectLog: the login redirects this process asked for, per panel and provider, in the panel’s window', () => {
  it('counts within 300 s and forgets what is older', () => {
    let now = 1_000_000
    const log = new RedirectLog(() => now)
    const panel = normalizePanelUrl('https://panel.example.com')
    expect(log.record(panel, UUID)).toBe(1)
    now += 100_000
    expect(log.record(panel, UUID.toUpperCase())).toBe(2)
    expect(log.record(normalizePanelUrl('https://other.example.com'), UUID)).toBe(1)
    now += 250_000 // the first request is now 350 s old
    expect(log.record(panel, UUID)).toBe(2)
  })
})

describe('loginAdvice', () => {
  it('always says to use a private window and where the login starts', () => {
    const a = loginAdvice(normalizePanelUrl('https://panel.example.com'), 'https://panel.example.com/', UUID)
    expect(a).toHaveLength(1)
    expect(a[0]).toContain(`https://panel.example.com/api/auth/oauth/redirect/${UUID}`)
    expect(a[0]).toContain('private (incognito) window')
    expect(a[0]).toContain('409')
  })

  it('warns when the address typed differs from app.url in scheme or host, not in path', () => {
    const scheme = loginAdvice(normalizePanelUrl('http://panel.example.com'), 'https://panel.example.com', UUID)
    expect(scheme[1]).toContain('oauth csrf state not found')
    expect(scheme[1]).toContain('https://panel.example.com')
    const host = loginAdvice(normalizePanelUrl('https://10.0.0.5'), 'https://panel.example.com', UUID)
    expect(host).toHaveLength(2)
    expect(loginAdvice(normalizePanelUrl('https://panel.example.com/panel'), 'https://panel.example.com/panel', UUID)).toHaveLength(1)
  })
})
