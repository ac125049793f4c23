import { readFile, realpath } from 'node:fs/promises'
import { contentTypeOf, isInside } from '../core/static/served-files'
import { join, normalize, resolve } from 'node:path'

/** The real path of `file` (links resolved) when it lies inside `realRoot`, else null. */
async function realInside(realRoot: string, file: string): Promise<string | null> {
  const real = await realpath(file).catch(() => null)
  return real !== null && isInside(realRoot, real) ? real : null
}

/**
 * Resolves a URL path to a file inside `root`, refusing anything that escapes it, by
 * its name or through a link (the real path, links resolved, must be inside the real
 * root). Unknown paths fall back to index.html (the wizard is a single page).
 */
export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const realRoot = await realpath(resolve(root)).catch(() => null)
  if (realRoot === null) return null
  const rel = normalize(decoded).replace(/^([/\\])+/, '')
  const file = join(realRoot, rel === '' ? 'index.html' : rel)
  if (!isInside(realRoot, file)) return null
  for (const candidate of [file, join(realRoot, 'index.html')]) {
    const real = await realInside(realRoot, candidate)
    if (real === null) continue
    try {
      const body = await readFile(real)
      return { body, type: contentTypeOf(real) }
    } catch {
      /* a folder, or unreadable: try the fallback */
    }
  }
  return null
}
