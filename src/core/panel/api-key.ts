import { AppError } from '../../shared/errors'
import { panelApiKeyKey, type SecretVault } from '../vault/vault'
import type { PanelBase } from './panel-url'

/** The panel checks `"Bearer ".len() + 48` = 55 bytes of header (backend/src/routes/api/client/mod.rs). */
export const API_KEY_LENGTH = 48

/**
 * Checks a pasted API key before it is sent anywhere, so "key malformed" is told apart
 * from "key refused" without a round trip. Surrounding whitespace (a copy-paste) is
 * dropped; anything else that would change the header's length is an error.
 */
export function checkApiKeyFormat(raw: string): string {
  const key = raw.trim()
  if (key === '') {
    throw new AppError('panel.key-missing', 'Enter the panel API key.', {
      field: 'apiKey',
      hint: 'Create one in the panel under Account → API Keys, with the admin permissions oauth-providers.read, .create and .update.'
    })
  }
  if (/^bearer\s/i.test(key)) {
    throw new AppError('panel.key-malformed', 'Enter the key alone, without “Bearer ”.', { field: 'apiKey' })
  }
  const bytes = new TextEncoder().encode(key).length
  if (/\s/.test(key) || bytes !== [...key].length || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError('panel.key-malformed', 'The API key contains spaces or characters a panel key never has.', {
      field: 'apiKey',
      hint: 'Copy the key again from the panel; it is one run of 48 letters and digits.'
    })
  }
  if (key.length !== API_KEY_LENGTH) {
    throw new AppError(
      'panel.key-malformed',
      `The API key has ${key.length} characters; a Calagopus API key has exactly ${API_KEY_LENGTH}.`,
      {
        field: 'apiKey',
        hint: 'Copy the whole key again from the panel (it is shown once, when created). The panel would refuse this one with “invalid authorization header”.'
      }
    )
  }
  return key
}

/** The vault entry of a panel's key: one per panel address (origin plus path prefix). */
export function apiKeyVaultKey(panel: PanelBase): string {
  return panelApiKeyKey(panel.base)
}

export async function storeApiKey(vault: SecretVault, panel: PanelBase, raw: string | null): Promise<boolean> {
  if (raw === null) {
    await vault.delete(apiKeyVaultKey(panel))
    return false
  }
  await vault.set(apiKeyVaultKey(panel), checkApiKeyFormat(raw))
  return true
}

export async function loadApiKey(vault: SecretVault, panel: PanelBase): Promise<string> {
  const key = await vault.get(apiKeyVaultKey(panel))
  if (key === null) {
    throw new AppError('panel.key-missing', `No API key is stored for ${panel.base}.`, {
      field: 'apiKey',
      hint: 'Enter an API key of this panel (Account → API Keys) with the oauth-providers admin permissions.'
    })
  }
  return key
}
