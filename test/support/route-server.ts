import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createNetServer, type AddressInfo } from 'node:net'

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingMessage['headers']
}

/**
 * A scriptable HTTP server on 127.0.0.1 (port 0) for tests that need to control exactly
 * what "the other side" answers: routes are set per test and reset between tests;
 * unknown paths answer 404. Every request is recorded.
 */
export interface RouteServer {
  port: number
  /** http://127.0.0.1:PORT */
  origin: string
  url(path: string): string
  route(path: string, handler: RouteHandler): void
  reset(): void
  requests: RecordedRequest[]
  close(): Promise<void>
}

export async function startRouteServer(): Promise<RouteServer> {
  const routes = new Map<string, RouteHandler>()
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers })
    const handler = routes.get(path) ?? routes.get(path.split('?')[0] ?? path)
    if (handler) return handler(req, res)
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  return {
    port,
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    reset: () => {
      routes.clear()
      requests.length = 0
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A JSON answer. */
export function sendJson(value: unknown, status = 200, headers: Record<string, string> = {}): RouteHandler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof value === 'string' ? value : JSON.stringify(value))
  }
}

/** Any body with any content type. */
export function sendText(body: string, status = 200, contentType = 'text/plain; charset=utf-8'): RouteHandler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType }).end(body)
  }
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = createNetServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const { port } = s.address() as AddressInfo
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}
