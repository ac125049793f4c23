/**
 * Test-login constants and result types shared by core, CLI and renderer (no zod here:
 * this file is in the renderer bundle; the schemas are in schemas/login.ts).
 */

/**
 * Default loopback port of the test login. Fixed so the admin registers one redirect URI
 * at the provider once (RFC 8252 §7.3 lets providers ignore the port, but many don't).
 */
export const LOGIN_DEFAULT_PORT = 53219
export const LOGIN_CALLBACK_PATH = '/callback'
/** How long the assistant waits for the provider to send the browser back. */
export const LOGIN_DEFAULT_TIMEOUT_MS = 5 * 60_000

/** The redirect URI to register at the provider for the assistant's test login. */
export function loginRedirectUri(port: number = LOGIN_DEFAULT_PORT): string {
  return `http://127.0.0.1:${port}${LOGIN_CALLBACK_PATH}`
}

/** The redirect URL the panel itself sends (one builder for all: panel-urls.ts). */
export { panelRedirectUrl as panelRedirectUri } from './panel-urls'

/** Vault keys the renderer may name (it never reads their values). */
export const VAULT_KEY_PATTERN = /^(client-secret|panel-api-key)\/\S{1,300}$/

export type TokenEndpointAuth = 'client_secret_basic' | 'client_secret_post'

export interface LoginFinding {
  severity: 'error' | 'warning' | 'info'
  code: string
  message: string
  hint?: string
}

/** What a successful test login hands back (no token, no secret, ever). */
export interface LoginResult {
  /** The userinfo response exactly as received: the panel parses this very text. */
  userinfo: { status: number; content_type: string | null; text: string }
  /** Verified (or at least decoded) ID token claims; null when no ID token came back. */
  id_token_claims: Record<string, unknown> | null
  id_token: { verified: boolean; problem: string | null } | null
  /** The client authentication the provider accepted. */
  token_endpoint_auth: TokenEndpointAuth
  /** The panel's Basic Auth switch that matches what worked. */
  basic_auth: boolean
  /** True when the switch had to change from what the config said. */
  basic_auth_changed: boolean
  /** What the token response said, minus the tokens. */
  token: { token_type: string; scope: string | null; expires_in: number | null }
  findings: LoginFinding[]
  /** Findings as one line each (what the CLI prints). */
  warnings: string[]
}
