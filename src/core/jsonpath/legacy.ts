import { JSONPath } from 'jsonpath-plus'
import { excerpt } from './extract'
import type { Extraction } from './extract'

/**
 * The answer of a legacy (pre-RFC 9535) evaluator, jsonpath-plus: what jsonpath.com
 * and many provider docs use, and where admins test paths today. When it disagrees
 * with the panel, or accepts what the panel refuses (`email` without `$.`), the tester
 * says so in one line with both answers. Browser-safe (jsonpath-plus's browser build
 * has no node imports; `eval: 'safe'` never runs code).
 */
export interface LegacyComparison {
  /** jsonpath-plus's first value in the panel's text form; null when it finds nothing or fails. */
  legacyValue: string | null
  /** One line for the admin; null when both agree. */
  message: string | null
}

/** jsonpath-plus's first result as the panel would store it (strings as is, else JSON text). */
export function legacyFirstValue(
  json: unknown,
  path: string
): { ok: true; value: string | null; count: number } | { ok: false; error: string } {
  try {
    const result = JSONPath({ path, json: json as object, wrap: true, eval: 'safe' }) as unknown[] | undefined
    if (!Array.isArray(result) || result.length === 0) return { ok: true, value: null, count: 0 }
    const first = result[0]
    return { ok: true, value: typeof first === 'string' ? first : (JSON.stringify(first) ?? null), count: result.length }
  } catch (err) {
    return { ok: false, error: (err as Error).message }
  }
}

const show = (v: string | null): string => (v === null ? 'nothing' : `“${excerpt(v, 60)}”`)

/**
 * Compares the panel's extraction with jsonpath-plus on the same document (`plain`
 * is the document as JSON.parse gives it; that is what jsonpath-plus sees).
 */
export function compareWithLegacy(plain: unknown, extraction: Extraction): LegacyComparison {
  const path = extraction.path
  if (path === null || extraction.outcome === 'generated') return { legacyValue: null, message: null }
  const legacy = legacyFirstValue(plain, path)
  if (!legacy.ok) return { legacyValue: null, message: null }
  if (!extraction.valid) {
    return {
      legacyValue: legacy.value,
      message:
        legacy.value === null
          ? null
          : `jsonpath.com-style evaluators (jsonpath-plus) accept this and give ${show(legacy.value)}; the panel refuses the path (RFC 9535${path.startsWith('$') ? '' : ': it must start with “$”, e.g. “$.' + path.replace(/^\.+/, '') + '”'}).`
    }
  }
  const panel = extraction.panelValue
  // Compare before truncation: the legacy tools don't truncate, so only real differences count.
  const panelFull =
    extraction.outcome === 'value' ? (extraction.nodes[0]?.type === 'string' ? null : (extraction.nodes[0]?.json ?? null)) : null
  const panelComparable = panelFull ?? panel
  if (
    legacy.value === panelComparable ||
    (legacy.value !== null &&
      panel !== null &&
      legacy.value.startsWith(panel) &&
      extraction.problems.some((p) => p.code === 'value.truncated'))
  ) {
    return { legacyValue: legacy.value, message: null }
  }
  return {
    legacyValue: legacy.value,
    message: `A legacy evaluator (jsonpath-plus, as on jsonpath.com) gives ${show(legacy.value)}; the panel gives ${show(panel)}.`
  }
}
