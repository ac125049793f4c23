import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { timingSafeEqual } from 'node:crypto'
import { AppError } from '../../shared/errors'
import { LOGIN_CALLBACK_PATH } from '../../shared/login'

/** The parameters the provider sent back to the redirect URI (RFC 6749 §4.1.2). */
export interface CallbackParams {
  /** Full callback URL as received (holds the code: never logged, never shown). */
  url: string
  code: string | null
  error: string | null
  errorDescription: string | null
  errorUri: string | null
  /** RFC 9207 `iss`, when the provider sends it. */
  iss: string | null
}

export interface CallbackListener {
  redirectUri: string
  port: number
  /** Settles once: the first callback carrying the right state, or the first refusal that ends the flow. */
  result: Promise<CallbackParams>
  close(): void
}

export interface ListenOptions {
  /** 0 picks a free port. */
  port: number
  expectedState: string
  timeoutMs: number
  signal?: AbortSignal
}

const HOST = '127.0.0.1'

function page(title: string, text: string): string {
  // No tokens, no code, no state in the page: only what the admin needs to read.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title><style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * A one-shot HTTP listener on 127.0.0.1 for the provider's redirect (RFC 8252 §7.3).
 * Only `GET /callback` with `Host: 127.0.0.1:<port>` and the expected `state` is taken.
 * A missing or wrong state is answered 400 and its code never used, but the flow keeps
 * waiting: any web page can make the browser load `http://127.0.0.1:<port>/callback?state=x`,
 * and that must not cancel the admin's login. If the flow then times out, the error says
 * that answers with a wrong state came (the provider may not return `state` unchanged).
 * A request naming another host (DNS rebinding) is refused likewise. After the first
 * taken callback the listener closes; anything later is refused. Times out and honours
 * the signal.
 */
export async function listenForCallback(opts: ListenOptions): Promise<CallbackListener> {
  const server = http.createServer()
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new AppError(
            'login.port-in-use',
            `Port ${opts.port} on 127.0.0.1 is already in use, so the test login cannot receive the provider’s answer there.`,
            {
              hint: 'Close the program using that port (another test login still open?), or choose another port — and register the matching redirect URI at the provider.',
              field: 'port',
              evidence: { details: { port: opts.port, error: err.code } },
              cause: err
            }
          )
        )
      } else if (err.code === 'EACCES') {
        reject(
          new AppError('login.port-denied', `This computer does not allow listening on port ${opts.port}.`, {
            hint: 'Choose a port above 1024.',
            field: 'port',
            cause: err
          })
        )
      } else reject(err)
    })
    server.listen(opts.port, HOST, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const redirectUri = `http://${HOST}:${port}${LOGIN_CALLBACK_PATH}`
  const expectedHost = `${HOST}:${port}`

  let settled = false
  /** Callbacks refused for their state, by kind, for the timeout's message. */
  const refusedStates = { missing: 0, different: 0 }
  let resolveResult!: (p: CallbackParams) => void
  let rejectResult!: (e: unknown) => void
  const result = new Promise<CallbackParams>((res, rej) => {
    resolveResult = res
    rejectResult = rej
  })
  // Observed by the flow once it starts waiting; never an "unhandled rejection" before.
  result.catch(() => {})

  const close = (): void => {
    clearTimeout(timer)
    opts.signal?.removeEventListener('abort', onAbort)
    server.close()
    // Let the response being written go out before dropping idle keep-alive sockets.
    setImmediate(() => server.closeAllConnections())
  }
  const finish = (outcome: { ok: CallbackParams } | { err: unknown }): void => {
    if (settled) return
    settled = true
    close()
    if ('ok' in outcome) resolveResult(outcome.ok)
    else rejectResult(outcome.err)
  }
  const timer = setTimeout(() => {
    if (refusedStates.missing + refusedStates.different > 0) {
      finish({ err: stateMismatch(refusedStates) })
      return
    }
    finish({
      err: new AppError(
        'login.timeout',
        `No answer came back from the provider within ${opts.timeoutMs >= 60_000 ? `${Math.round(opts.timeoutMs / 60_000)} min` : `${Math.max(1, Math.round(opts.timeoutMs / 1000))} s`}.`,
        {
          hint: `If the provider showed an error page instead of sending you back, read it: “redirect_uri” errors mean ${redirectUri} is not registered for this client. Otherwise start the test login again and finish it in the browser.`,
          evidence: { details: { redirectUri } }
        }
      )
    })
  }, opts.timeoutMs)
  timer.unref?.()
  const onAbort = (): void => finish({ err: new AppError('cancelled', 'Test login cancelled.') })
  if (opts.signal?.aborted) onAbort()
  else opts.signal?.addEventListener('abort', onAbort, { once: true })

  server.on('request', (req, res) => {
    const send = (status: number, title: string, text: string): void => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        connection: 'close'
      })
      res.end(page(title, text))
    }
    const url = new URL(req.url ?? '/', `http://${expectedHost}`)
    if (settled) {
      send(409, 'Already done', 'This test login has already ended. Return to the assistant.')
      return
    }
    if (req.headers.host !== expectedHost) {
      // Another name for this socket (DNS rebinding, a proxy): not our provider's redirect.
      send(400, 'Refused', 'This request was not addressed to the assistant’s loopback address.')
      return
    }
    if (req.method !== 'GET' || url.pathname !== LOGIN_CALLBACK_PATH) {
      send(404, 'Not found', 'Nothing here.')
      return
    }
    const state = url.searchParams.get('state')
    if (state === null || !sameSecret(state, opts.expectedState)) {
      send(
        400,
        'Not this test login',
        'This answer does not belong to the test login in progress, so it was ignored. If you are logging in for the assistant, finish the login in the tab the assistant opened.'
      )
      refusedStates[state === null ? 'missing' : 'different']++
      return
    }
    const params: CallbackParams = {
      url: url.toString(),
      code: url.searchParams.get('code'),
      error: url.searchParams.get('error'),
      errorDescription: url.searchParams.get('error_description'),
      errorUri: url.searchParams.get('error_uri'),
      iss: url.searchParams.get('iss')
    }
    if (params.error !== null || params.code === null) {
      send(200, 'The provider refused the login', 'Return to the assistant: it shows what the provider answered. You can close this tab.')
    } else {
      send(200, 'Test login received', 'The assistant is checking the answer now. You can close this tab and return to the assistant.')
    }
    finish({ ok: params })
  })

  return { redirectUri, port, result, close: () => finish({ err: new AppError('cancelled', 'Test login cancelled.') }) }
}

function stateMismatch(refused: { missing: number; different: number }): AppError {
  const missing = refused.missing > 0 && refused.different === 0
  return new AppError(
    'login.state-mismatch',
    missing
      ? 'The provider’s answer carried no state parameter, so it was refused: it cannot be told apart from a forged one.'
      : 'The answer that reached the test login carried a different state than the one sent, so it was refused (a stale tab, or a forged request), and no answer with the right state came.',
    {
      hint: 'Start the test login again and finish it in the tab it opens. If this repeats, the provider does not return the state parameter unchanged, and the panel would refuse its logins too (“oauth csrf state not found”).',
      evidence: { details: { stateReceived: missing ? 'missing' : 'different', refusedAnswers: refused.missing + refused.different } }
    }
  )
}
