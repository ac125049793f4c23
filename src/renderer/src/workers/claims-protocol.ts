import type { ExtractField } from '../../../core/jsonpath/extract'
import type { PathSuggestion } from '../../../core/jsonpath/suggest'
import type { PreviewPaths, RegistrationPreview } from '../../../core/registration/preview'

/**
 * Messages between the Claims step and its worker (claims.worker.ts). The worker keeps
 * the parsed userinfo document and evaluates the five paths off the main thread, so
 * typing never waits for an evaluation. A request may be answered twice with the same
 * `seq`: first the keystroke's answer, then (after a pause in typing) the same answer
 * with the legacy-evaluator lines.
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

/** Pause in typing after which the worker adds the legacy-evaluator (jsonpath-plus) lines. */
export const LEGACY_PAUSE_MS = 150

/**
 * An evaluation that has not answered after this long is stopped: the worker is terminated and a new one
 * started (the engine's regex is linear-time; this is the second line of defence).
 */
export const EVALUATION_TIMEOUT_MS = 4000
