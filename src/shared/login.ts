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

/**
 * Ports the test login may listen on, for the GUI, the CLI and the contract alike: not
 * below 1024 (privileged), and never 0 (a random port the admin cannot have registered).
 */
export const LOGIN_PORT_RANGE = { min: 1024, max: 65535 } as const

/** Whether `text` is a port the test login may use (digits only, in LOGIN_PORT_RANGE). */
export function isLoginPortText(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) >= LOGIN_PORT_RANGE.min && Number(text) <= LOGIN_PORT_RANGE.max
}

/** What to say about a port outside LOGIN_PORT_RANGE. */
export const LOGIN_PORT_MESSAGE = `must be a port number between ${LOGIN_PORT_RANGE.min} and ${LOGIN_PORT_RANGE.max}.`
/** How long the assistant waits for the provider to send the browser back. */
export const LOGIN_DEFAULT_TIMEOUT_MS = 5 * 60_000

/** The redirect URI to register at the provider for the assistant's test login. */
export function loginRedirectUri(port: number = LOGIN_DEFAULT_PORT): string {
  return `http://127.0.0.1:${port}${LOGIN_CALLBACK_PATH}`
}

/** The redirect URL the panel itself sends (one builder for all: panel-urls.ts). */
export { panelRedirectUrl as panelRedirectUri } from './panel-urls'

/** Vault keys the renderer may name (it never reads their values): one format, in vault-keys.ts. */
export { VAULT_KEY_PATTERN } from './vault-keys'

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
