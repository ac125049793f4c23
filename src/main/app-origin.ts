/**
 * The app's own origin. The renderer is served from a privileged custom scheme rather
 * than file://: every file:// page on the disk shares one opaque origin, so a check on
 * "starts with file://" admits any local HTML file; `app://calagopus` is ours alone.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'calagopus'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * Whether `url` is a page of the app: exactly the app:// origin, or in development the
 * dev server's exact origin (scheme, host and port compared as parsed values, so
 * `http://localhost:5173.evil.example` or `http://localhost:51730` are not it).
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (u.username !== '' || u.password !== '') return false
  if (devServerUrl !== undefined) {
    let dev: URL
    try {
      dev = new URL(devServerUrl)
    } catch {
      return false
    }
    return u.protocol === dev.protocol && u.host === dev.host && (dev.protocol === 'http:' || dev.protocol === 'https:')
  }
  // A non-special scheme has an opaque `origin` ("null") in the URL standard: compare parts.
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST
}
