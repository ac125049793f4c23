import { AppError } from '../../shared/errors'
import { secretsInUse } from '../redaction/redact'
import type { SecretVault } from './vault'

const CLIENT_SECRET_PREFIX = 'client-secret/'

/**
 * The client secret named by a test login. A vault key names its kind: the test login
 * may read a `client-secret/…` entry and nothing else. A `panel-api-key/…` key would
 * otherwise send the panel's admin key to whatever token URL the caller chose, as the
 * `client_secret` and inside the Basic header.
 */
export async function readClientSecretForLogin(vault: SecretVault, key: string): Promise<string | null> {
  if (!key.startsWith(CLIENT_SECRET_PREFIX)) {
    throw new AppError('vault.scope', 'The test login can only use a client secret; this vault entry is not one.', {
      hint: 'Enter the provider’s Client Secret in the credentials step and start the test login again.',
      field: 'client_secret'
    })
  }
  return vault.get(key)
}

/**
 * The vault as the handlers see it: every secret stored or read is registered with the
 * redaction, so whatever a remote party echoes of it is blanked in messages and evidence.
 */
export function withSecretRedaction(vault: SecretVault): SecretVault {
  const tracked: SecretVault = {
    get kind() {
      return vault.kind
    },
    get description() {
      return vault.description
    },
    get: async (key) => {
      const v = await vault.get(key)
      secretsInUse.add(v)
      return v
    },
    set: async (key, value) => {
      secretsInUse.add(value)
      await vault.set(key, value)
    },
    delete: (key) => vault.delete(key),
    has: (key) => vault.has(key)
  }
  if (vault.weakConsent) tracked.weakConsent = () => vault.weakConsent!()
  if (vault.setWeakConsent) tracked.setWeakConsent = (allow) => vault.setWeakConsent!(allow)
  return tracked
}
