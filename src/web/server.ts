import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HTTP_CALL_ID_HEADER, HTTP_CANCEL_PREFIX, HTTP_RPC_PREFIX, HTTP_TOKEN_HEADER } from '../shared/transport'
import type { Dispatcher } from '../core/rpc/dispatcher'
import { CSP } from '../shared/content-security'
import { readStatic } from './static-files'

/** Cookies are shared across ports: the name carries the port so two launches don't clash. */
export const sessionCookieName = (port: number): string => `calagopus_session_${port}`
/** A pasted userinfo document may be large; nothing legitimate is bigger than this. */
const MAX_RPC_BODY = 12 * 1024 * 1024

export interface WebServerOptions {
  /** The dispatcher, or a stand-in that loads it after the server listens (start.ts). */
  dispatcher: Pick<Dispatcher, 'call' | 'cancel' | 'cancelAll'>
  /** Built renderer folder (out/renderer). */
  rendererDir: string
  /** 0 = a free port chosen by the OS. */
  port?: number
  /** Defaults to a fresh random token per launch. */
  token?: string
  /** Socket limits; the defaults suit a browser on the same machine (tests shorten them). */
  limits?: Partial<ServerLimits>
}

export interface ServerLimits {
  /** Until the request's headers are in. */
  headersTimeoutMs: number
  /** Until the whole request (headers and body) is in; a handler may then take as long as it needs. */
  requestTimeoutMs: number
  /** A kept-alive socket with no request in progress is closed after this. */
  idleTimeoutMs: number
  /** Connections open at once; more are refused (one browser tab needs a handful). */
  maxConnections: number
}

/**
 * A page on the same machine reaches the server at loopback speed: 10 s for headers and
 * 20 s for a 12 MB body are generous, and a slow-loris socket is dropped instead of
 * being held for Node's defaults (~72 s for headers, unbounded idle).
 */
export const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  idleTimeoutMs: 30_000,
  maxConnections: 32
}

export interface WebServer {
  server: Server
  port: number
  token: string
  /** Base URL, without the token. */
  origin: string
  /** The URL to open: it hands the page its token once. */
  launchUrl: string
  close(): Promise<void>
}

/**
 * Browser mode's server. Listens on 127.0.0.1 only. Three locks, because any web page
 * the admin visits can make their browser send requests to a loopback port:
 * - the Host header must be our own loopback address (stops DNS rebinding),
 * - an Origin header, when present, must be ours (stops cross-site calls),
 * - every request must carry the per-launch token: once in the launch URL, which trades
 *   it for an HttpOnly SameSite=Strict cookie, or in a header (scripts, tests).
 */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const tokenBuf = Buffer.from(token)
  let port = 0
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const allowedOrigins = (): Set<string> => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])

  const tokenMatches = (candidate: string | undefined): boolean => {
    if (!candidate) return false
    const b = Buffer.from(candidate)
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf)
  }

  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...opts.limits }
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node checks the two timeouts above (its default, 30 s, would let them run late).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4)))
    },
    (req, res) => {
      busy.add(req.socket)
      res.on('close', () => busy.delete(req.socket))
      handle(req, res).catch((err) => {
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `Internal error: ${(err as Error).message}`)
        else res.destroy()
      })
    }
  )
  server.maxConnections = limits.maxConnections
  server.keepAliveTimeout = Math.min(5000, limits.idleTimeoutMs)
  // Idle sockets are closed; a socket whose request is being answered is not (login:wait
  // legitimately stays silent for minutes while the admin logs in).
  const busy = new WeakSet<object>()
  server.setTimeout(limits.idleTimeoutMs, (socket) => {
    if (!busy.has(socket)) socket.destroy()
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? ''
    if (!allowedHosts().has(host)) {
      return send(res, 403, 'text/plain; charset=utf-8', 'Refused: this server answers only to its own loopback address.')
    }
    const origin = req.headers.origin
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      return send(res, 403, 'text/plain; charset=utf-8', 'Refused: cross-origin request.')
    }
    const url = new URL(req.url ?? '/', `http://${host}`)

    const queryToken = url.searchParams.get('token')
    if (req.method === 'GET' && queryToken !== null) {
      if (!tokenMatches(queryToken))
        return send(
          res,
          401,
          'text/plain; charset=utf-8',
          'This launch link is not valid (any more). Use the address that `npm run web` printed.'
        )
      url.searchParams.delete('token')
      res.writeHead(303, {
        'set-cookie': `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        // Always the wizard's own root: `GET /.//evil.example/?token=…` has the path
        // `//evil.example/`, which as a Location is another site (protocol-relative).
        location: `/${url.search}`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer'
      })
      res.end()
      return
    }

    const cookieToken = parseCookies(req.headers.cookie)[sessionCookieName(port)]
    const headerToken = req.headers[HTTP_TOKEN_HEADER]
    if (!tokenMatches(cookieToken) && !tokenMatches(typeof headerToken === 'string' ? headerToken : undefined)) {
      return send(
        res,
        401,
        'text/plain; charset=utf-8',
        'Not authorised. Open the address that `npm run web` printed; it carries this launch’s token.'
      )
    }

    if (url.pathname.startsWith(HTTP_RPC_PREFIX)) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Use POST.')
      const ct = req.headers['content-type'] ?? ''
      // A JSON content type forces a CORS preflight on cross-site fetches: one more lock.
      if (!ct.startsWith('application/json')) return send(res, 415, 'text/plain; charset=utf-8', 'Send application/json.')
      const method = safeDecode(url.pathname.slice(HTTP_RPC_PREFIX.length))
      if (method === null) return sendJson(res, 400, { ok: false, error: { code: 'rpc.bad-request', message: 'Malformed method name.' } })
      let input: unknown
      try {
        const text = await readBody(req, MAX_RPC_BODY)
        input = text === '' ? {} : JSON.parse(text)
      } catch (err) {
        return sendJson(res, 400, { ok: false, error: { code: 'rpc.bad-request', message: (err as Error).message } })
      }
      const callIdHeader = req.headers[HTTP_CALL_ID_HEADER]
      const callId = typeof callIdHeader === 'string' && callIdHeader !== '' ? callIdHeader : `http-${randomBytes(6).toString('hex')}`
      // The page went away (tab closed, reload): stop the work it started.
      const onClose = (): void => {
        if (!res.writableEnded) opts.dispatcher.cancel(callId)
      }
      res.on('close', onClose)
      const result = await opts.dispatcher.call(method, input, callId)
      res.off('close', onClose)
      return sendJson(res, 200, result)
    }
    if (url.pathname.startsWith(HTTP_CANCEL_PREFIX)) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Use POST.')
      const callId = safeDecode(url.pathname.slice(HTTP_CANCEL_PREFIX.length))
      if (callId === null) return send(res, 400, 'text/plain; charset=utf-8', 'Malformed call id.')
      opts.dispatcher.cancel(callId)
      res.writeHead(204).end()
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.')
    const file = await readStatic(opts.rendererDir, url.pathname)
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found. Has the renderer been built (npm run build)?')
    res.writeHead(200, { ...securityHeaders(), 'content-type': file.type, 'content-length': file.body.length })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  return {
    server,
    port,
    token,
    origin,
    launchUrl: `${origin}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        opts.dispatcher.cancelAll()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cache-control': 'no-store'
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...securityHeaders(), 'content-type': type })
  res.end(body)
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s)
  } catch {
    return null
  }
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim()
  }
  return out
}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > max) {
        reject(new Error(`Request body over ${max} bytes.`))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
