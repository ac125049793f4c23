import { extractField } from '../jsonpath/extract'
import type { ExtractField, ExtractOptions } from '../jsonpath/extract'
import { compareWithLegacy } from '../jsonpath/legacy'
import type { PreparedDocument } from './preview'
import { checkUserField } from './rules'

/** One path on one document, said the way the CLI's `eval --json` and the API report it. */
export interface FieldEvaluation {
  valid: boolean
  /** Parse error with its position, or null. */
  error: string | null
  /** Matched values as compact JSON text (serde_json's form), document order. */
  nodes: string[]
  /** What the panel stores; null when extraction fails. For a path not set, an example of the generated value. */
  panel_value: string | null
  /** Extraction notes, the panel's user rules this value breaks, and the legacy-evaluator line. */
  problems: string[]
}

/**
 * Extraction plus the checks that apply to that field alone (registration rules,
 * legacy comparison). The document must be readable (`doc.result.ok`).
 */
export function evaluateField(doc: PreparedDocument, field: ExtractField, path: string | null, opts: ExtractOptions = {}): FieldEvaluation {
  if (!doc.engine) throw new Error('evaluateField needs a readable document')
  const ex = extractField(doc.engine, field, path, opts)
  const problems = ex.problems.map((p) => p.message)
  if (field !== 'identifier' && ex.outcome === 'value' && ex.panelValue !== null) {
    for (const f of checkUserField(field, ex.panelValue))
      problems.push(`${f.message} The panel refuses to create the account: “${f.panelMessage}”.`)
  }
  if (doc.plain !== undefined) {
    const legacy = compareWithLegacy(doc.plain, ex)
    if (legacy.message) problems.push(legacy.message)
  }
  return {
    valid: ex.valid,
    error: ex.error ? `${ex.error.message}${ex.error.position === null ? '' : ` (at position ${ex.error.position})`}` : null,
    nodes: ex.nodes.map((n) => n.json),
    panel_value: ex.panelValue,
    problems
  }
}
