import { useEffect, useRef, useState } from 'react'
import type { ClaimsRequest, ClaimsResponse } from '../workers/claims-protocol'
import { startClaimsRunner, type ClaimsRunner } from '../workers/claims-runner'
import { useWizard } from '../store'

export type ClaimsResult = Extract<ClaimsResponse, { ok: true }>

/** Where evaluation runs: known once the worker has answered (or failed to start). */
export type Evaluator = 'starting' | 'worker' | 'main-thread'

/**
 * Runs the panel-exact evaluation of the five paths in a Web Worker on every change of
 * the paths, the userinfo document, login_only/user_manageable or the advertised claims.
 * Answers to superseded requests are dropped, so the result always matches the screen.
 * If the worker cannot start (a host that refuses module workers), the engine is loaded
 * on the main thread instead: a 2 KB userinfo evaluates in well under a millisecond.
 * An evaluation that does not answer in time is stopped and the worker replaced
 * (claims-runner.ts); the tester says so.
 */
export function useClaimsTester(): { result: ClaimsResult | null; error: string | null; pending: boolean; evaluator: Evaluator } {
  const text = useWizard((s) => s.userinfo?.text ?? null)
  const config = useWizard((s) => s.config)
  const claims = useWizard((s) => s.discovery?.claims_supported ?? null)
  const runnerRef = useRef<ClaimsRunner | null>(null)
  const last = useRef<ClaimsRequest | null>(null)
  const seq = useRef(0)
  const [result, setResult] = useState<ClaimsResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const [evaluator, setEvaluator] = useState<Evaluator>('starting')

  useEffect(() => {
    const runner = startClaimsRunner({
      createWorker: () => new Worker(new URL('../workers/claims.worker.ts', import.meta.url), { type: 'module' }),
      loadMainThreadEngine: () =>
        import('../workers/claims-engine').then(async ({ createClaimsEngine, loadClaimsEngine }) => {
          await loadClaimsEngine()
          return createClaimsEngine()
        }),
      isCurrent: (s) => s === seq.current,
      lastRequest: () => last.current,
      onAnswer: (res) => {
        setPending(false)
        if (res.ok) {
          setResult(res)
          setError(null)
        } else setError(res.message)
      },
      onFailure: (message) => {
        setPending(false)
        setError(message)
      },
      onEvaluator: setEvaluator
    })
    runnerRef.current = runner
    return () => {
      runner.stop()
      runnerRef.current = null
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
    runnerRef.current?.post(req)
  }, [text, identifier_path, email_path, username_path, name_first_path, name_last_path, login_only, user_manageable, claims])

  return { result, error, pending, evaluator }
}
