import { z } from 'zod'
import { LOGIN_PORT_RANGE, VAULT_KEY_PATTERN } from '../login'
import { ProviderConfigSchema } from './provider'

export const VaultKeySchema = z.string().regex(VAULT_KEY_PATTERN, 'Not a vault key')

/** What the test login reads from the draft; a client_secret sent here is dropped by zod. */
export const LoginConfigSchema = ProviderConfigSchema.pick({
  client_id: true,
  auth_url: true,
  token_url: true,
  info_url: true,
  scopes: true,
  basic_auth: true,
  identifier_path: true,
  email_path: true,
  username_path: true,
  name_first_path: true,
  name_last_path: true
})

const list = z.array(z.string()).nullable().optional()

/** Parts of the discovery result the test login uses for its diagnosis and ID token check. */
export const LoginDiscoveryHintsSchema = z.object({
  issuer: z.string().nullable().optional(),
  jwks_uri: z.string().nullable().optional(),
  scopes_supported: list,
  claims_supported: list,
  token_endpoint_auth_methods_supported: list
})

export const LoginStartInputSchema = z.object({
  config: LoginConfigSchema,
  /** Vault key of the client secret, e.g. `client-secret/<draftId>`. */
  secretKey: VaultKeySchema,
  /** Loopback port (default 53219). */
  port: z.number().int().min(LOGIN_PORT_RANGE.min).max(LOGIN_PORT_RANGE.max).optional(),
  /** Adds nonce and PKCE S256 — which the panel itself never sends. */
  extraChecks: z.boolean().optional(),
  discovery: LoginDiscoveryHintsSchema.optional(),
  /** Open the system browser (default true). */
  openBrowser: z.boolean().optional(),
  timeoutMs: z
    .number()
    .int()
    .min(1000)
    .max(30 * 60_000)
    .optional()
})

export const LoginStartOutputSchema = z.object({
  flowId: z.string(),
  /** Contains the state: shown to the admin as a link, never logged. */
  authorizationUrl: z.string(),
  redirectUri: z.string(),
  /** Whether the browser was opened for the admin. */
  opened: z.boolean(),
  expiresAt: z.string()
})

const FindingSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  hint: z.string().optional()
})

export const LoginResultSchema = z.object({
  userinfo: z.object({ status: z.number(), content_type: z.string().nullable(), text: z.string() }),
  id_token_claims: z.record(z.string(), z.unknown()).nullable(),
  id_token: z.object({ verified: z.boolean(), problem: z.string().nullable() }).nullable(),
  token_endpoint_auth: z.enum(['client_secret_basic', 'client_secret_post']),
  basic_auth: z.boolean(),
  basic_auth_changed: z.boolean(),
  token: z.object({ token_type: z.string(), scope: z.string().nullable(), expires_in: z.number().nullable() }),
  findings: z.array(FindingSchema),
  warnings: z.array(z.string())
})

export const VaultStatusSchema = z.object({
  kind: z.enum(['os-keychain', 'weak-keychain', 'memory']),
  description: z.string(),
  /** Weak keychain: the admin's answer about saving to disk (null: not asked yet). */
  weak_consent: z.boolean().nullable(),
  /** Whether a secret is stored under the key asked about. */
  set: z.boolean()
})
