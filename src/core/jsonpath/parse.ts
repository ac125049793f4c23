import { jsonpath, JSONPathError } from 'json-p3'
import { CompileError, compilePlan } from './evaluate'
import type { CompiledPath } from './evaluate'
import { findExcessNesting, JSONPATH_NESTING, MAX_JSONPATH_NESTING } from '../limits/nesting'

export type ParsedPath = { ok: true; query: ReturnType<typeof jsonpath.compile> } | { ok: false; message: string; position: number | null }

/**
 * Parses an RFC 9535 JSONPath expression the way the panel's serde_json_path does:
 * anything json-p3 refuses, the panel refuses on save. Browser-safe (no node imports)
 * so the renderer's worker can use it too.
 */
export function parseJsonPath(expr: string): ParsedPath {
  // Before any parser: a recursive one dies on 10,000 nested parentheses.
  const tooDeep = findExcessNesting(expr, MAX_JSONPATH_NESTING, JSONPATH_NESTING)
  if (tooDeep !== -1)
    return {
      ok: false,
      message: `The path nests brackets or parentheses more than ${MAX_JSONPATH_NESTING} levels deep.`,
      position: tooDeep
    }
  try {
    return { ok: true, query: jsonpath.compile(expr) }
  } catch (err) {
    if (err instanceof JSONPathError) {
      const position = err.token?.index ?? null
      // json-p3 appends "('<expr>':<index>)" to its messages; we show position separately.
      const message = inWords(err.message.replace(/\s*\(.*:\d+\)\s*$/s, ''))
      return { ok: false, message, position }
    }
    throw err
  }
}

/** json-p3's lexer states, said the way an admin reads a path. */
const PARSER_WORDS: Record<string, string> = {
  "can't backup beyond start": "a member name or '*' must follow the last '.'",
  'bald descendant segment': "a member name, '*' or a bracketed selection must follow '..'"
}
function inWords(message: string): string {
  return PARSER_WORDS[message] ?? message
}

/** A path ready to evaluate many times, or the reason the panel would refuse it. */
export type CompiledResult = { ok: true; path: CompiledPath } | { ok: false; message: string; position: number | null }

const compiled = new Map<string, CompiledResult>()
const COMPILE_CACHE_SIZE = 512

/**
 * Parses and compiles a path once (cached: the live tester re-evaluates the same
 * expression on every document change and keystrokes revisit prefixes).
 */
export function compilePath(expr: string): CompiledResult {
  const hit = compiled.get(expr)
  if (hit) return hit
  const parsed = parseJsonPath(expr)
  let result: CompiledResult
  if (!parsed.ok) result = parsed
  else {
    try {
      result = { ok: true, path: compilePlan(expr, parsed.query) }
    } catch (err) {
      if (!(err instanceof CompileError)) throw err
      result = { ok: false, message: err.message, position: null }
    }
  }
  if (compiled.size >= COMPILE_CACHE_SIZE) compiled.delete(compiled.keys().next().value as string)
  compiled.set(expr, result)
  return result
}
