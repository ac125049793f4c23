import { useEffect, useRef, useState } from 'react'
import type { ClaimsRequest, ClaimsResponse } from '../workers/claims-protocol'
import { EVALUATION_TIMEOUT_MS, LEGACY_PAUSE_MS } from '../workers/claims-protocol'
import { useWizard } from '../store'

export type ClaimsResult = Extract<ClaimsResponse, { ok: true }>

/** Where evaluation runs: known once the worker has answered (or failed to start). */
export type Evaluator = 'starting' | 'worker' | 'main-thread'

/** Where requests go: the worker, or (if it can't start) the same engine on this thread. */
interface Runner {
  post(req: ClaimsRequest): void
  stop(): void
}

/**
 * Runs the panel-exact evaluation of the five paths in a Web Worker on every change of
 * the paths, the userinfo document, login_only/user_manageable or the advertised claims.
 * Answers to superseded requests are dropped, so the result always matches the screen.
 * If the worker cannot start (a host that refuses module workers), the engine is loaded
 * on the main thread instead: a 2 KB userinfo evaluates in well under a millisecond.
 * An evaluation that does not answer within EVALUATION_TIMEOUT_MS is stopped: the worker
 * is terminated, a new one started, and the tester says so.
 */
export function useClaimsTester(): { result: ClaimsResult | null; error: string | null; pending: boolean; evaluator: Evaluator } {
  const text = useWizard((s) => s.userinfo?.text ?? null)
  const config = useWizard((s) => s.config)
  const claims = useWizard((s) => s.discovery?.claims_supported ?? null)
  const runner = useRef<Runner | null>(null)
  const last = useRef<ClaimsRequest | null>(null)
  const seq = useRef(0)
  const [result, setResult] = useState<ClaimsResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const [evaluator, setEvaluator] = useState<Evaluator>('starting')

  useEffect(() => {
    let disposed = false
    let watchdog: ReturnType<typeof setTimeout> | undefined
    const receive = (res: ClaimsResponse): void => {
      if (disposed || res.seq !== seq.current) return
      clearTimeout(watchdog)
      setPending(false)
      if (res.ok) {
        setResult(res)
        setError(null)
      } else setError(res.message)
    }
    const fallBack = (): void => {
      if (disposed) return
      setEvaluator('main-thread')
      void import('../workers/claims-engine').then(async ({ createClaimsEngine, loadClaimsEngine }) => {
        try {
          await loadClaimsEngine()
        } catch (err) {
          if (!disposed) setError(`The JSONPath engine could not load: ${(err as Error).message}`)
          return
        }
        if (disposed) return
        const engine = createClaimsEngine()
        runner.current = {
          post: (req) => {
            receive(engine.evaluate(req))
            setTimeout(() => {
              const withLegacy = req.seq === seq.current ? engine.withLegacy(req) : null
              if (withLegacy) receive(withLegacy)
            }, LEGACY_PAUSE_MS)
          },
          stop: () => undefined
        }
        if (last.current) runner.current.post(last.current)
      })
    }
    const startWorker = (): void => {
      let answered = false
      try {
        const w = new Worker(new URL('../workers/claims.worker.ts', import.meta.url), { type: 'module' })
        w.onmessage = (e: MessageEvent<ClaimsResponse>) => {
          if (!answered) setEvaluator('worker')
          answered = true
          receive(e.data)
        }
        w.onerror = (e) => {
          e.preventDefault()
          w.terminate()
          if (answered) {
            setPending(false)
            setError(`The evaluator stopped: ${e.message || 'unknown error'}`)
          } else fallBack()
        }
        const restart = (): void => {
          w.terminate()
          if (disposed) return
          setPending(false)
          setError(
            `The evaluation took longer than ${EVALUATION_TIMEOUT_MS / 1000} s and was stopped; the evaluator restarted. Simplify the path (a regular expression in match() or search()?).`
          )
          startWorker()
        }
        runner.current = {
          post: (req) => {
            clearTimeout(watchdog)
            watchdog = setTimeout(restart, EVALUATION_TIMEOUT_MS)
            w.postMessage(req)
          },
          stop: () => {
            clearTimeout(watchdog)
            w.terminate()
          }
        }
      } catch {
        fallBack()
      }
    }
    startWorker()
    return () => {
      disposed = true
      runner.current?.stop()
      runner.current = null
    }
  }, [])

  const { identifier_path, email_path, username_path, name_first_path, name_last_path, login_only, user_manageable } = config
  useEffect(() => {
    if (text === null) {
      seq.current++
      last.current = null
      // The document was cleared: drop the previous answer in the same commit, not one render later.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setResult(null)
      setPending(false)
      return
    }
    const req: ClaimsRequest = {
      seq: ++seq.current,
      text,
      paths: { identifier_path, email_path, username_path, name_first_path, name_last_path },
      loginOnly: login_only,
      userManageable: user_manageable,
      claimsSupported: claims ?? []
    }
    last.current = req
    setPending(true)
    runner.current?.post(req)
  }, [text, identifier_path, email_path, username_path, name_first_path, name_last_path, login_only, user_manageable, claims])

  return { result, error, pending, evaluator }
}
