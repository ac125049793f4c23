import { describe, expect, it } from 'vitest'
import { loadLibrary } from '../../src/core/presets'
import { productName } from '../../src/shared/product-name'

describe('the default provider name after discovery', () => {
  it('is the product name of the one preset whose login URL has the same shape', async () => {
    const lib = await loadLibrary()
    expect(productName(lib, 'https://sso.acme.test/realms/staff/protocol/openid-connect/auth')).toBe('Keycloak')
    expect(productName(lib, 'https://id.acme.test/application/o/authorize/')).toBe('Authentik')
    expect(productName(lib, 'https://accounts.google.com/o/oauth2/v2/auth')).toBe('Google')
  })

  it('is empty when no preset, or more than one, fits: the admin names it rather than users seeing a host', async () => {
    const lib = await loadLibrary()
    expect(productName(lib, 'http://127.0.0.1:24100/auth')).toBe('')
    expect(productName(lib, null)).toBe('')
    expect(productName(null, 'https://accounts.google.com/o/oauth2/v2/auth')).toBe('')
  })
})
