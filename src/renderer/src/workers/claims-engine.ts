import engineUrl from '../../../core/engine/panel-engine.wasm?url'
import { loadPanelEngineFromUrl } from '../../../core/engine/panel-engine'
import { hasPanelEngine, setPanelEngine } from '../../../core/engine/registry'
import { EXTRACT_FIELDS } from '../../../core/jsonpath/extract'
import type { ExtractField } from '../../../core/jsonpath/extract'
import { suggestPaths } from '../../../core/jsonpath/suggest'
import type { PathSuggestion } from '../../../core/jsonpath/suggest'
import { prepareDocument, previewRegistration, withLegacyLines } from '../../../core/registration/preview'
import type { PreparedDocument } from '../../../core/registration/preview'
import type { ClaimsRequest, ClaimsResponse } from './claims-protocol'

let loading: Promise<void> | null = null

/**
 * Loads the panel's engine (WebAssembly, a separate asset) into this thread once. The worker calls it at
 * start, so the module never delays the window's first paint.
 */
export function loadClaimsEngine(): Promise<void> {
  if (hasPanelEngine()) return Promise.resolve()
  loading ??= loadPanelEngineFromUrl(engineUrl).then(setPanelEngine, (err: unknown) => {
    loading = null
    throw err
  })
  return loading
}

export interface ClaimsEngine {
  /** The keystroke's answer: the five fields through the panel's engine, fixes, suggestions. */
  evaluate(req: ClaimsRequest): ClaimsResponse
  /** The same answer with the legacy-evaluator lines (jsonpath-plus), computed after a pause in typing. */
  withLegacy(req: ClaimsRequest): ClaimsResponse | null
}

/**
 * The live tester's evaluator, host-neutral: the worker runs it, and the Claims step falls back to running
 * it on the main thread if a worker can't start. Parses the body once per text; a keystroke re-evaluates
 * only the field that changed (previewRegistration caches per document). Needs loadClaimsEngine() first.
 */
export function createClaimsEngine(): ClaimsEngine {
  let prepared: PreparedDocument | null = null
  let suggestionsFor: { text: string; claims: string; value: Record<ExtractField, PathSuggestion[]> } | null = null
  let last: { seq: number; response: Extract<ClaimsResponse, { ok: true }> } | null = null
  return {
    evaluate(req) {
      const t0 = performance.now()
      try {
        if (!prepared || prepared.text !== req.text) prepared = prepareDocument(req.text)
        const preview = previewRegistration(prepared, req.paths, { login_only: req.loginOnly, user_manageable: req.userManageable })
        const claimsKey = req.claimsSupported.join(' ')
        if (!suggestionsFor || suggestionsFor.text !== req.text || suggestionsFor.claims !== claimsKey) {
          const root = prepared.result.ok ? prepared.result.root : null
          const value = {} as Record<ExtractField, PathSuggestion[]>
          for (const f of EXTRACT_FIELDS) value[f] = suggestPaths(root, f, req.claimsSupported, 6)
          suggestionsFor = { text: req.text, claims: claimsKey, value }
        }
        const response = { seq: req.seq, ok: true as const, preview, suggestions: suggestionsFor.value, ms: performance.now() - t0 }
        last = { seq: req.seq, response }
        return response
      } catch (err) {
        last = null
        return { seq: req.seq, ok: false, message: (err as Error).message }
      }
    },
    withLegacy(req) {
      if (!last || last.seq !== req.seq || !prepared || prepared.text !== req.text) return null
      const preview = withLegacyLines(prepared, last.response.preview)
      return preview === last.response.preview ? null : { ...last.response, preview }
    }
  }
}
