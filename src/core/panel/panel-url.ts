import { AppError } from '../../shared/errors'
import { panelAdminPageRedirectUrl, panelRedirectUrl } from '../../shared/panel-urls'
import { isLoopbackHost } from '../net/http'

/**
 * A panel address as the admin reaches it: origin plus an optional path prefix
 * (`https://host/panel` when a reverse proxy mounts the panel under /panel). Every API
 * path is relative to it. Never ends with `/`.
 */
export interface PanelBase {
  /** `https://host` or `https://host/panel`. Also the vault key's suffix for the API key. */
  base: string
  origin: string
  /** `''` or `/panel`. */
  prefix: string
}

/**
 * Normalizes what the admin typed: adds `https://` to a bare host, drops query,
 * fragment and trailing slashes, and a pasted `/api/...` or `/admin/...` tail (people
 * paste the address of the page they are on).
 */
export function normalizePanelUrl(input: string): PanelBase {
  let text = input.trim()
  if (text === '')
    throw new AppError('panel.url-invalid', 'Enter the panel’s address, e.g. https://panel.example.com.', { field: 'panelUrl' })
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new AppError('panel.url-invalid', `“${input.trim()}” is not a web address.`, {
      field: 'panelUrl',
      hint: 'Use the address you open the panel with in a browser, e.g. https://panel.example.com.'
    })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('panel.url-invalid', `The panel address must start with https:// (got ${url.protocol}).`, { field: 'panelUrl' })
  }
  if (url.username || url.password) {
    throw new AppError('panel.url-invalid', 'The panel address must not contain a user name or password.', { field: 'panelUrl' })
  }
  let path = url.pathname.replace(/\/+$/, '')
  // A pasted page address: keep only what precedes the panel's own routes.
  const cut = path.search(/\/(api|admin)(\/|$)/)
  if (cut >= 0) path = path.slice(0, cut)
  return { base: `${url.origin}${path}`, origin: url.origin, prefix: path }
}

/** `{base}/api/...`: the prefix is kept, as the reverse proxy expects. */
export function panelApiUrl(panel: PanelBase, path: string): string {
  return `${panel.base}${path.startsWith('/') ? path : `/${path}`}`
}

/** The panel's redirect and login-start URLs: one builder for core, CLI and renderer. */
export { panelRedirectUrl as redirectUrlFor, panelLoginStartUrl as loginStartUrlFor } from '../../shared/panel-urls'

/** Warnings about the address itself (plain http sends the API key in clear). */
export function panelUrlWarnings(panel: PanelBase): string[] {
  const url = new URL(panel.base)
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return [
      `${panel.base} uses plain http: the API key and the client secret would cross the network unencrypted. Use the panel’s https:// address.`
    ]
  }
  return []
}

/**
 * Compares the panel's own idea of its address (Settings → Application → URL) with the
 * address the admin reached it at. They differ behind some proxies; when they do, the
 * redirect URL the panel hands the provider is built from app.url, so a wrong app.url
 * means every login ends in a redirect_uri mismatch or on the wrong host.
 */
export function appUrlWarnings(panel: PanelBase, appUrl: string, uuidForExample?: string | null): string[] {
  let app: URL
  try {
    app = new URL(appUrl)
  } catch {
    return [
      `The panel reports its address (app.url) as “${appUrl}”, which is not a valid URL: the redirect URL it builds will be broken. Fix it in the panel’s settings (Application → URL).`
    ]
  }
  const appBase = `${app.origin}${app.pathname.replace(/\/+$/, '')}`
  const out: string[] = []
  if (appBase !== panel.base) {
    out.push(
      `The panel says its address is ${appBase} (its app.url setting), but you reached it at ${panel.base}. ` +
        'The redirect URL the provider must allow is built from app.url; if app.url is wrong, fix it in the panel’s settings (Application → URL) before registering the redirect URL.'
    )
  }
  const raw = appUrl.replace(/\/+$/, '')
  if (raw !== appBase && app.search === '' && app.hash === '') {
    out.push(
      `The panel writes the redirect URL from app.url exactly as typed (“${raw}”), not in its usual form (“${appBase}”). ` +
        'Providers that compare redirect URLs character by character need it registered exactly as shown; tidying app.url in the panel’s settings avoids the surprise.'
    )
  }
  if (/\/$/.test(appUrl) && app.search === '' && app.hash === '') {
    const uuid = uuidForExample ?? '{uuid}'
    out.push(
      `The panel’s app.url (“${appUrl}”) ends with “/”: its admin page shows the redirect URL as ${panelAdminPageRedirectUrl(appUrl, uuid)}, which will not match. ` +
        `Register ${panelRedirectUrl(appUrl, uuid)} at the provider (the panel trims the slash when it sends it), and remove the trailing slash from app.url in the panel’s settings.`
    )
  }
  if (app.protocol === 'http:' && !isLoopbackHost(app.hostname)) {
    out.push(
      `The panel’s app.url (${appBase}) uses plain http: many providers refuse non-https redirect URLs, and the session cookie is not marked secure.`
    )
  }
  return out
}
