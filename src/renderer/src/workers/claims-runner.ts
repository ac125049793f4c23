import type { ClaimsEngine } from './claims-engine'
import type { ClaimsRequest, ClaimsResponse } from './claims-protocol'
import { EVALUATION_TIMEOUT_MS, LEGACY_PAUSE_MS } from './claims-protocol'

/** The part of a Worker the runner uses, so a test can hand it a fake. */
export interface ClaimsWorker {
  onmessage: ((e: MessageEvent<ClaimsResponse>) => void) | null
  onerror: ((e: ErrorEvent) => void) | null
  postMessage(req: ClaimsRequest): void
  terminate(): void
}

export interface ClaimsRunnerOptions {
  /** Starts the worker; throws where the host refuses module workers. */
  createWorker(): ClaimsWorker
  /** The same engine on this thread, for when no worker can run. */
  loadMainThreadEngine(): Promise<ClaimsEngine>
  /** Whether an answer is still for the request on screen. */
  isCurrent(seq: number): boolean
  /** The request on screen, sent again when evaluation moves to the main thread. */
  lastRequest(): ClaimsRequest | null
  /** An answer to the request on screen. */
  onAnswer(res: ClaimsResponse): void
  /** The request on screen will not be answered; the message says why. */
  onFailure(message: string): void
  onEvaluator(where: 'worker' | 'main-thread'): void
  timeoutMs?: number
}

export interface ClaimsRunner {
  post(req: ClaimsRequest): void
  stop(): void
}

/**
 * Sends the Claims tester's requests to a worker. An evaluation that does not answer within
 * the timeout is stopped: the worker is terminated and a new one started, and the request is
 * not sent again (it would hang the new worker too). A worker that fails before its first
 * answer means the host can't run it: the engine then runs on this thread.
 */
export function startClaimsRunner(opts: ClaimsRunnerOptions): ClaimsRunner {
  const timeoutMs = opts.timeoutMs ?? EVALUATION_TIMEOUT_MS
  let stopped = false
  let watchdog: ReturnType<typeof setTimeout> | undefined
  let current: ClaimsRunner | null = null

  const receive = (res: ClaimsResponse): void => {
    if (stopped || !opts.isCurrent(res.seq)) return
    clearTimeout(watchdog)
    opts.onAnswer(res)
  }

  const fallBack = (): void => {
    if (stopped) return
    current = null
    opts.onEvaluator('main-thread')
    opts.loadMainThreadEngine().then(
      (engine) => {
        if (stopped) return
        current = {
          post: (req) => {
            receive(engine.evaluate(req))
            setTimeout(() => {
              const withLegacy = opts.isCurrent(req.seq) ? engine.withLegacy(req) : null
              if (withLegacy) receive(withLegacy)
            }, LEGACY_PAUSE_MS)
          },
          stop: () => undefined
        }
        const last = opts.lastRequest()
        if (last) current.post(last)
      },
      (err: unknown) => {
        if (!stopped) opts.onFailure(`The JSONPath engine could not load: ${(err as Error).message}`)
      }
    )
  }

  const startWorker = (): void => {
    let w: ClaimsWorker
    try {
      w = opts.createWorker()
    } catch {
      fallBack()
      return
    }
    let answered = false
    const replace = (message: string): void => {
      clearTimeout(watchdog)
      w.terminate()
      if (stopped) return
      opts.onFailure(message)
      startWorker()
    }
    w.onmessage = (e) => {
      if (!answered) opts.onEvaluator('worker')
      answered = true
      receive(e.data)
    }
    w.onerror = (e) => {
      e.preventDefault()
      if (answered) replace(`The evaluator stopped: ${e.message || 'unknown error'}; it restarted.`)
      else {
        clearTimeout(watchdog)
        w.terminate()
        fallBack()
      }
    }
    current = {
      post: (req) => {
        clearTimeout(watchdog)
        watchdog = setTimeout(
          () =>
            replace(
              `The evaluation took longer than ${timeoutMs / 1000} s and was stopped; the evaluator restarted. Simplify the path (a regular expression in match() or search()?).`
            ),
          timeoutMs
        )
        w.postMessage(req)
      },
      stop: () => {
        clearTimeout(watchdog)
        w.terminate()
      }
    }
  }

  startWorker()
  return {
    post: (req) => current?.post(req),
    stop: () => {
      stopped = true
      current?.stop()
      current = null
    }
  }
}
