import type { HandlerTable } from '../../shared/api'
import type { Services } from '../services'
import type { SecretVault } from './vault'

type VaultMethods = 'vault:status' | 'vault:set' | 'vault:clear' | 'vault:consent'

async function status(vault: SecretVault, key?: string) {
  return {
    kind: vault.kind,
    description: vault.description,
    weak_consent: vault.weakConsent ? await vault.weakConsent() : null,
    set: key === undefined ? false : await vault.has(key)
  }
}

/**
 * Secrets cross from the renderer once, in `vault:set`; every answer says only whether
 * one is set (the contract's output schema has no field that could carry it back).
 */
export function vaultHandlers(services: Services): Pick<HandlerTable, VaultMethods> {
  const vault = services.vault
  return {
    'vault:status': async (input) => status(vault, input.key),
    'vault:set': async (input) => {
      await vault.set(input.key, input.value)
      return status(vault, input.key)
    },
    'vault:clear': async (input) => {
      await vault.delete(input.key)
      return status(vault, input.key)
    },
    'vault:consent': async (input) => {
      await vault.setWeakConsent?.(input.allow)
      return status(vault, input.key)
    }
  }
}
