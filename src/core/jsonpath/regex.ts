/**
 * `match()` / `search()` as serde_json_path 0.7.2 runs them: the pattern goes to Rust's
 * regex crate as `(?R)^(p)$` (match) or `(?R)(p)` (search). Translated here to a
 * JavaScript `u` RegExp with the Rust meanings that differ:
 * - `(?R)` (CRLF mode): `.` matches anything but `\n` and `\r` (JavaScript's `.` also
 *   refuses U+2028/U+2029);
 * - `\d`, `\w`, `\s` are Unicode-aware in Rust (`\d` = `\p{Nd}`), ASCII in JavaScript;
 * - `\pL` (one-letter class name without braces) is Rust syntax only;
 * - look-around and back-references do not exist in Rust: such a pattern fails to
 *   compile there, so the function is false; same here;
 * - a leading `(?i)` is honoured; other inline flags (`(?m)`, `(?s)`, `(?x)`) are not
 *   translated, and such patterns evaluate to false here.
 * An invalid pattern makes the function false (`unwrap_or_default`). Browser-safe.
 */

const WORD = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}'

function translate(p: string): string | null {
  let out = ''
  let inClass = false
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!
    if (c === '\\') {
      const n = p[i + 1]
      if (n === undefined) return null
      i++
      switch (n) {
        case 'd':
          out += '\\p{Nd}'
          continue
        case 'D':
          out += '\\P{Nd}'
          continue
        case 's':
          out += '\\p{White_Space}'
          continue
        case 'S':
          out += '\\P{White_Space}'
          continue
        case 'w':
          out += inClass ? WORD : `[${WORD}]`
          continue
        case 'W':
          out += inClass ? '\\W' : `[^${WORD}]`
          continue
        case 'p':
        case 'P':
          if (p[i + 1] !== '{' && p[i + 1] !== undefined) {
            out += `\\${n}{${p[i + 1]}}`
            i++
            continue
          }
          out += `\\${n}`
          continue
        default:
          if (n >= '1' && n <= '9') return null // back-reference: not in Rust's regex
          out += `\\${n}`
          continue
      }
    }
    if (inClass) {
      if (c === ']') inClass = false
      out += c
      continue
    }
    if (c === '[') {
      inClass = true
      out += c
      if (p[i + 1] === '^') {
        out += '^'
        i++
      }
      if (p[i + 1] === ']') {
        // Rust (like POSIX) takes a leading `]` literally.
        out += '\\]'
        i++
      }
      continue
    }
    if (c === '(' && p[i + 1] === '?') {
      const rest = p.slice(i + 2, i + 4)
      if (rest.startsWith('=') || rest.startsWith('!') || rest === '<=' || rest === '<!') return null
    }
    out += c === '.' ? '[^\\n\\r]' : c
  }
  return inClass ? null : out
}

const cache = new Map<string, RegExp | null>()

/** The compiled pattern, or null when Rust's regex would refuse it (the function is then false). */
export function compileRegex(pattern: string, full: boolean): RegExp | null {
  const key = `${full ? 'm' : 's'}:${pattern}`
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  // A leading `(?i)` (Rust's inline case-insensitive flag, common in copied patterns)
  // becomes the `i` flag; other inline flags have no JavaScript equivalent here, so such
  // a pattern fails to compile and the function is false (a known gap).
  const caseless = pattern.startsWith('(?i)')
  const t = translate(caseless ? pattern.slice(4) : pattern)
  let re: RegExp | null = null
  if (t !== null) {
    try {
      re = new RegExp(full ? `^(?:${t})$` : `(?:${t})`, caseless ? 'iu' : 'u')
    } catch {
      re = null
    }
  }
  if (cache.size > 256) cache.clear()
  cache.set(key, re)
  return re
}
