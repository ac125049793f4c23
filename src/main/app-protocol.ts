import { realpath, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { APP_HOST, APP_SCHEME } from './app-origin'
import { CSP } from '../shared/content-security'
import { contentTypeOf, isInside } from '../core/static/served-files'

/** The file system calls the handler makes, injectable so tests can plant links. */
export interface AppFs {
  realpath(path: string): Promise<string>
  readFile(path: string): Promise<Buffer>
}

const nodeFs: AppFs = { realpath: (p) => realpath(p), readFile: (p) => readFile(p) }

/**
 * The file an `app://calagopus/…` URL names inside the renderer folder, or null: another
 * host, a path that leaves the folder once decoded (`..`, `%2e%2e`, `%2f`, backslashes),
 * a NUL, or a file whose real path (links resolved) lies outside the folder.
 */
export async function resolveAppFile(rendererDir: string, requestUrl: string, fs: AppFs = nodeFs): Promise<string | null> {
  let u: URL
  try {
    u = new URL(requestUrl)
  } catch {
    return null
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(u.pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) return null
  const segments = path.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '..' || s === '.')) return null
  const root = await fs.realpath(resolve(rendererDir)).catch(() => null)
  if (root === null) return null
  const candidate = join(root, ...(segments.length ? segments : ['index.html']))
  if (!isInside(root, candidate)) return null
  const real = await fs.realpath(candidate).catch(() => null)
  if (real === null || !isInside(root, real)) return null
  return real
}

/**
 * The `protocol.handle('app', …)` handler: files of the renderer folder with their type
 * and the app's CSP; 404 for anything else. Only GET (the page never posts to itself).
 */
export function createAppProtocolHandler(rendererDir: string, fs: AppFs = nodeFs): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 })
    const file = await resolveAppFile(rendererDir, request.url, fs)
    const body = file === null ? null : await fs.readFile(file).catch(() => null)
    if (file === null || body === null) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } })
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': contentTypeOf(file),
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store'
      }
    })
  }
}
