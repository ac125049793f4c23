/**
 * The app's Content Security Policy, once for every host: the Electron window's response
 * header, the browser-mode server's header and the page's own meta tag (injected at
 * build time). Our own scripts and styles only; workers from our origin; no network but
 * our own origin (the browser-mode server); Electron calls go through IPC.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'"
]

/** As a response header: also refuses being framed (a directive meta tags cannot carry). */
export const APP_CSP = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ')

/** For the page's `<meta http-equiv="Content-Security-Policy">`. */
export const APP_CSP_META = DIRECTIVES.join('; ')
