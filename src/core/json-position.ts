import { parse as parseJsonAst } from '@humanwhocodes/momoa'

export interface JsonSyntaxProblem {
  message: string
  line: number | null
  column: number | null
}

/**
 * Where a JSON text is broken. JSON.parse on Node 20 says what is wrong but rarely
 * where; momoa's tokenizer reports line and column.
 */
export function locateJsonError(text: string, fallbackMessage: string): JsonSyntaxProblem {
  try {
    parseJsonAst(text)
  } catch (err) {
    const e = err as { message?: string; line?: number; column?: number }
    if (typeof e.line === 'number' && typeof e.column === 'number') {
      return { message: (e.message ?? fallbackMessage).replace(/\s*\(\d+:\d+\)\s*$/, ''), line: e.line, column: e.column }
    }
  }
  return { message: fallbackMessage, line: null, column: null }
}
