/**
 * Where secrets (client secrets, panel API keys) live after the admin typed them.
 * The renderer never reads a secret back: it only learns whether one is set.
 *
 * Keys are namespaced strings: `client-secret/<draftId>`, `panel-api-key/<panelOrigin>`.
 */
export interface SecretVault {
  /** How secrets are kept, for the UI: OS keychain, a weak keychain, or memory only. */
  readonly kind: 'os-keychain' | 'weak-keychain' | 'memory'
  /** One sentence for the admin about where their secrets go. */
  readonly description: string
  get(key: string): Promise<string | null>
  set(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
  has(key: string): Promise<boolean>
  /**
   * Weak keychain only (`kind === 'weak-keychain'`): the admin's answer to "save secrets
   * to disk with weak protection?", null before they answered. Other vaults omit it.
   */
  weakConsent?(): Promise<boolean | null>
  /** Records that answer; secrets held in memory are written (yes) or taken off disk (no). */
  setWeakConsent?(allow: boolean): Promise<void>
}

export { clientSecretKey, panelApiKeyKey } from '../../shared/vault-keys'
