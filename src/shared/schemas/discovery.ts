import { z } from 'zod'

export const DiscoverInputSchema = z.object({
  /** A bare host, an issuer URL, or the full well-known URL. */
  url: z.string().min(1, 'Enter the provider’s address'),
  timeoutMs: z.number().int().min(100).max(120_000).optional()
})

export const FindingSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  hint: z.string().optional()
})
export type Finding = z.infer<typeof FindingSchema>

const list = z.array(z.string()).nullable()

export const DiscoveryResultSchema = z.object({
  /** The URL the document was finally read from. */
  document_url: z.string(),
  /** `oidc` (OpenID Connect Discovery 1.0) or `oauth` (RFC 8414 fallback). */
  kind: z.enum(['oidc', 'oauth']),
  issuer: z.string(),
  auth_url: z.string().nullable(),
  token_url: z.string().nullable(),
  info_url: z.string().nullable(),
  jwks_uri: z.string().nullable(),
  claims_supported: list,
  scopes_supported: list,
  response_types_supported: list,
  token_endpoint_auth_methods_supported: list,
  code_challenge_methods_supported: list,
  /** Recommended value of the panel's Basic Auth switch, and why. */
  basic_auth: z.boolean(),
  basic_auth_reason: z.string(),
  findings: z.array(FindingSchema),
  /** All findings as one line each (what the CLI prints). */
  warnings: z.array(z.string())
})
export type DiscoveryResult = z.infer<typeof DiscoveryResultSchema>
