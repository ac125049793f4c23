import { extname, isAbsolute, relative, sep } from 'node:path'

/**
 * What the two servers of the built renderer (browser mode's loopback server and the
 * desktop app's `app://` handler) share: the media types they send, and the one test of
 * whether a path stays inside the served folder.
 */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  // The engine: browsers compile a module streamed with this type without a copy.
  '.wasm': 'application/wasm'
}

/** The Content-Type for a served file; unknown kinds are sent as bytes, never sniffed. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
}

/** Whether `path` is `root` or below it (both absolute, links already resolved by the caller). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!isAbsolute(rel) && !rel.split(sep).includes('..'))
}
