/**
 * The vault's key format, once for core, CLI and renderer (no zod: this file is in the
 * renderer bundle). A key names a secret; its value never leaves the vault.
 */

/** The client secret of a draft (the CLI's run is the draft `cli`). */
export const clientSecretKey = (draftId: string): string => `client-secret/${draftId}`

/** A panel's API key, per panel address (origin plus path prefix). */
export const panelApiKeyKey = (panelBase: string): string => `panel-api-key/${panelBase}`

/** Every key the format above can make: what the contract accepts as a vault key. */
export const VAULT_KEY_PATTERN = /^(client-secret|panel-api-key)\/\S{1,300}$/
