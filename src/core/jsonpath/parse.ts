import { jsonpath, JSONPathError } from 'json-p3'

export type ParsedPath =
  | { ok: true; query: ReturnType<typeof jsonpath.compile> }
  | { ok: false; message: string; position: number | null }

/**
 * Parses an RFC 9535 JSONPath expression the way the panel's serde_json_path does:
 * anything json-p3 refuses, the panel refuses on save. Browser-safe (no node imports)
 * so the renderer's worker can use it too.
 */
export function parseJsonPath(expr: string): ParsedPath {
  try {
    return { ok: true, query: jsonpath.compile(expr) }
  } catch (err) {
    if (err instanceof JSONPathError) {
      const position = err.token?.index ?? null
      // json-p3 appends "('<expr>':<index>)" to its messages; we show position separately.
      const message = err.message.replace(/\s*\(.*:\d+\)\s*$/s, '')
      return { ok: false, message, position }
    }
    throw err
  }
}
