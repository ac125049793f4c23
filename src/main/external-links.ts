import { toOpenableUrl } from '../core/net/browser-url'

/** Electron's shell.openExternal, injected. */
export type OpenExternal = (url: string) => Promise<void>

/**
 * Only http(s) links leave the app, only to the system browser, and only with the
 * characters a launcher could misread percent-encoded (the same rule as the CLI's opener).
 */
export function createSafeOpener(openExternal: OpenExternal): (url: string) => Promise<boolean> {
  return (url) => {
    const safe = toOpenableUrl(url)
    if (safe === null) return Promise.resolve(false)
    return openExternal(safe).then(
      () => true,
      () => false
    )
  }
}
