import type { ExtractField } from '../../../core/jsonpath/extract'
import type { PathSuggestion } from '../../../core/jsonpath/suggest'
import type { PreviewPaths, RegistrationPreview } from '../../../core/registration/preview'

/**
 * Messages between the Claims step and its worker (claims.worker.ts). The worker keeps
 * the parsed userinfo document and evaluates the five paths off the main thread, so
 * typing never waits for an evaluation.
 */
export interface ClaimsRequest {
  /** Increases with every request; answers to older ones are dropped. */
  seq: number
  /** The userinfo text; the worker re-parses only when it changes. */
  text: string
  paths: PreviewPaths
  loginOnly: boolean
  userManageable: boolean
  /** Discovery's claims_supported, for path suggestions. */
  claimsSupported: string[]
}

export type ClaimsResponse =
  | { seq: number; ok: true; preview: RegistrationPreview; suggestions: Record<ExtractField, PathSuggestion[]>; ms: number }
  | { seq: number; ok: false; message: string }
