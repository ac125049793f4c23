import { describe, expect, it } from 'vitest'
import { api } from '../../src/shared/api'
import { isLoginPortText, LOGIN_PORT_RANGE } from '../../src/shared/login'
import { panelAdminPageRedirectUrl, panelLoginStartUrl, panelRedirectUrl } from '../../src/shared/panel-urls'
import { PROVIDER_KEYS } from '../../src/shared/provider'
import { clientSecretKey, panelApiKeyKey, VAULT_KEY_PATTERN } from '../../src/shared/vault-keys'
import { STEP_FIELDS, STEP_IDS, stepOfField } from '../../src/shared/wizard-steps'

describe('each business constant has one definition, used by every host', () => {
  it('the test-login port range: the contract refuses what the step and the CLI refuse', () => {
    const port = (p: number) => api['login:start'].input.shape.port.safeParse(p).success
    expect([0, 80, LOGIN_PORT_RANGE.min - 1, LOGIN_PORT_RANGE.max + 1].map(port)).toEqual([false, false, false, false])
    expect([LOGIN_PORT_RANGE.min, 53219, LOGIN_PORT_RANGE.max].map(port)).toEqual([true, true, true])
    expect(['0', '1023', '65536', '8080x', ' 8080', '1024', '65535'].map(isLoginPortText)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true
    ])
  })

  it('the vault key format: what the builders make is what the contract accepts', () => {
    expect(VAULT_KEY_PATTERN.test(clientSecretKey('draft-1'))).toBe(true)
    expect(VAULT_KEY_PATTERN.test(panelApiKeyKey('https://panel.example.com/panel'))).toBe(true)
    expect(VAULT_KEY_PATTERN.test('other/x')).toBe(false)
  })

  it('the panel’s URLs: trimmed as the backend sends them, untrimmed as its admin page shows them', () => {
    const uuid = '0b6a8f1e-3c55-4d59-9a43-2d1f2a3b4c5d'
    expect(panelRedirectUrl('https://p.example.com//', uuid)).toBe(`https://p.example.com/api/auth/oauth/${uuid}`)
    expect(panelAdminPageRedirectUrl('https://p.example.com/', uuid)).toBe(`https://p.example.com//api/auth/oauth/${uuid}`)
    expect(panelLoginStartUrl('https://p.example.com/', uuid)).toBe(`https://p.example.com/api/auth/oauth/redirect/${uuid}`)
  })

  it('the field → step map covers every field of the provider record, each on one step', () => {
    for (const key of PROVIDER_KEYS) {
      const steps = STEP_IDS.filter((id) => STEP_FIELDS[id].includes(key))
      expect(steps, key).toHaveLength(1)
      expect(stepOfField(key)).toBe(steps[0])
    }
    expect(stepOfField('client_secret')).toBe('credentials')
  })
})
