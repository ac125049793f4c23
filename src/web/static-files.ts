import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8'
}

/**
 * Resolves a URL path to a file inside `root`, refusing anything that escapes it.
 * Unknown paths fall back to index.html (the wizard is a single page).
 */
export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const rel = normalize(decoded).replace(/^([/\\])+/, '')
  const file = join(root, rel === '' ? 'index.html' : rel)
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return null
  for (const candidate of [file, join(root, 'index.html')]) {
    try {
      const body = await readFile(candidate)
      return { body, type: TYPES[extname(candidate)] ?? 'application/octet-stream' }
    } catch {
      /* try the fallback */
    }
  }
  return null
}
