import { useEffect, useRef, useState } from 'react'
import type { ClaimsRequest, ClaimsResponse } from '../workers/claims-protocol'
import { useWizard } from '../store'

export type ClaimsResult = Extract<ClaimsResponse, { ok: true }>

/**
 * Runs the panel-exact evaluation of the five paths in a Web Worker on every change of
 * the paths, the userinfo document, login_only or the advertised claims. Answers to
 * superseded requests are dropped, so the result always matches what is on screen.
 */
export function useClaimsTester(): { result: ClaimsResult | null; error: string | null; pending: boolean } {
  const text = useWizard((s) => s.userinfo?.text ?? null)
  const config = useWizard((s) => s.config)
  const claims = useWizard((s) => s.discovery?.claims_supported ?? null)
  const worker = useRef<Worker | null>(null)
  const seq = useRef(0)
  const [result, setResult] = useState<ClaimsResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  useEffect(() => {
    const w = new Worker(new URL('../workers/claims.worker.ts', import.meta.url), { type: 'module' })
    w.onmessage = (e: MessageEvent<ClaimsResponse>) => {
      if (e.data.seq !== seq.current) return
      setPending(false)
      if (e.data.ok) {
        setResult(e.data)
        setError(null)
      } else setError(e.data.message)
    }
    w.onerror = (e) => {
      setPending(false)
      setError(`The evaluator stopped: ${e.message || 'unknown error'}`)
    }
    worker.current = w
    return () => {
      w.terminate()
      worker.current = null
    }
  }, [])

  const { identifier_path, email_path, username_path, name_first_path, name_last_path, login_only, user_manageable } = config
  useEffect(() => {
    const w = worker.current
    if (!w) return
    if (text === null) {
      seq.current++
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
    setPending(true)
    w.postMessage(req)
  }, [text, identifier_path, email_path, username_path, name_first_path, name_last_path, login_only, user_manageable, claims])

  return { result, error, pending }
}
