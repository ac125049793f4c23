/**
 * A cheap, linear pre-check of bracket nesting, run before a recursive parser sees the
 * text: 100,000 nested `[` in a YAML flow sequence or 10,000 `(` in a JSONPath make such
 * parsers take seconds and die with "Maximum call stack size exceeded". Brackets inside
 * quoted strings do not count. Over-counting elsewhere (a `[` in a YAML plain scalar) only
 * matters past the limit, where no real input goes.
 */
export interface NestingOptions {
  open: string
  close: string
  /** Quote characters whose contents are skipped; a backslash escapes inside them. */
  quotes: string
  /** YAML: a single quote is escaped by doubling it, not by a backslash. */
  doubledSingleQuote?: boolean
  /** YAML: `#` after whitespace starts a comment to the end of the line. */
  hashComments?: boolean
}

/** The offset where nesting first exceeds `max`, or -1 when it never does. */
export function findExcessNesting(text: string, max: number, opts: NestingOptions): number {
  let depth = 0
  let quote = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote !== '') {
      if (c === '\\' && !(quote === "'" && opts.doubledSingleQuote)) i++
      else if (c === quote) {
        if (quote === "'" && opts.doubledSingleQuote && text[i + 1] === "'") i++
        else quote = ''
      }
      continue
    }
    if (opts.quotes.includes(c)) quote = c
    else if (opts.open.includes(c)) {
      if (++depth > max) return i
    } else if (opts.close.includes(c)) depth = Math.max(0, depth - 1)
    else if (c === '#' && opts.hashComments && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i)
      if (nl === -1) break
      i = nl
    }
  }
  return -1
}

/** Deepest nesting a preset file (YAML or JSON) may have; a real one has two levels. */
export const MAX_DOCUMENT_NESTING = 128
/** Deepest bracket/parenthesis nesting of a JSONPath; real paths have a handful. */
export const MAX_JSONPATH_NESTING = 64

export const YAML_NESTING: NestingOptions = { open: '[{', close: ']}', quotes: `"'`, doubledSingleQuote: true, hashComments: true }
export const JSON_NESTING: NestingOptions = { open: '[{', close: ']}', quotes: '"' }
export const JSONPATH_NESTING: NestingOptions = { open: '[(', close: '])', quotes: `"'` }
