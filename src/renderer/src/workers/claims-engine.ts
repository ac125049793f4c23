import { EXTRACT_FIELDS } from '../../../core/jsonpath/extract'
import type { ExtractField } from '../../../core/jsonpath/extract'
import { suggestPaths } from '../../../core/jsonpath/suggest'
import type { PathSuggestion } from '../../../core/jsonpath/suggest'
import { prepareDocument, previewRegistration } from '../../../core/registration/preview'
import type { PreparedDocument } from '../../../core/registration/preview'
import type { ClaimsRequest, ClaimsResponse } from './claims-protocol'

/**
 * The live tester's evaluator, host-neutral: the worker runs it, and the Claims step
 * falls back to running it on the main thread if a worker can't start. Parses the
 * document once per text; a keystroke re-evaluates only the field that changed
 * (previewRegistration caches per document).
 */
export function createClaimsEngine(): (req: ClaimsRequest) => ClaimsResponse {
  let prepared: PreparedDocument | null = null
  let suggestionsFor: { text: string; claims: string; value: Record<ExtractField, PathSuggestion[]> } | null = null
  return (req) => {
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
      return { seq: req.seq, ok: true, preview, suggestions: suggestionsFor.value, ms: performance.now() - t0 }
    } catch (err) {
      return { seq: req.seq, ok: false, message: (err as Error).message }
    }
  }
}
