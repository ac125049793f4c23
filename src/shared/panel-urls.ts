/**
 * The panel's own URLs and limits around a provider's login, in one place for core,
 * CLI and renderer (plain functions, no zod: this file is in the renderer bundle).
 * docs/panel-behaviour.md#redirect-url
 */

/** Every trailing `/` removed, as the panel's backend trims app.url (Rust `trim_end_matches('/')`). */
function trimmedAppUrl(appUrl: string): string {
  return appUrl.replace(/\/+$/, '')
}

/**
 * The redirect URL the panel sends the provider and the provider must allow:
 * `{app.url without trailing /}/api/auth/oauth/{uuid}`. `{uuid}` exists only once the
 * provider was created in the panel.
 */
export function panelRedirectUrl(appUrl: string, uuid = '{uuid}'): string {
  return `${trimmedAppUrl(appUrl)}/api/auth/oauth/${uuid}`
}

/**
 * What the panel's admin page shows as the redirect URL: app.url untrimmed, so an
 * app.url ending in `/` shows `…//api/auth/oauth/…`, which is NOT what the backend sends.
 */
export function panelAdminPageRedirectUrl(appUrl: string, uuid = '{uuid}'): string {
  return `${appUrl}/api/auth/oauth/${uuid}`
}

/**
 * Where a browser starts a login through the panel. Built from app.url, not from the
 * address the admin typed: the panel's state cookie must be set on the host the
 * provider sends the browser back to, or the callback fails with
 * "oauth csrf state not found".
 */
export function panelLoginStartUrl(appUrl: string, uuid: string): string {
  return `${trimmedAppUrl(appUrl)}/api/auth/oauth/redirect/${uuid}`
}

/**
 * The panel's rate limit on the login redirect and on the callback, each per provider
 * and per client IP: a fixed window of 300 s from the first request, refusing once the
 * count reaches 6, so 5 requests get through. docs/panel-behaviour.md#rate-limits
 */
export const PANEL_LOGIN_RATE_LIMIT = { allowed: 5, windowSeconds: 300 } as const
