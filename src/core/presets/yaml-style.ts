/**
 * The YAML "house style" of the panel's preset files.
 *
 * The panel's Export button (frontend `OAuthProviderCreateOrUpdate.tsx`) writes
 * `js-yaml.dump(record, { flowLevel: -1, forceQuotes: true })`; the five community presets
 * were made that way. This module reproduces that output for the only value kinds a
 * preset holds (strings, booleans, null, a list of strings) without shipping js-yaml:
 *
 * - keys are plain (`name:`), two-space indentation, one pair per line, `\n` line ends,
 *   and a final `\n`;
 * - every string is single-quoted with `'` doubled (YAML 1.2 §7.3.2), `''` when empty;
 * - a string holding a character js-yaml calls non-printable (tab, line break, C0/C1
 *   controls, U+FEFF, U+2028/9, a lone surrogate…) is double-quoted with js-yaml's escapes
 *   instead, because a single-quoted scalar cannot carry those (a line break would be
 *   folded into a space when read back);
 * - `null`, `true`, `false` unquoted; a list as a block sequence (`  - 'openid'`), an
 *   empty list as `[]`.
 */

const ESCAPES: Record<number, string> = {
  0x00: '\\0',
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x1b: '\\e',
  0x22: '\\"',
  0x5c: '\\\\',
  0x85: '\\N',
  0xa0: '\\_',
  0x2028: '\\L',
  0x2029: '\\P'
}

/** js-yaml's `isPrintable`: YAML's nb-char minus tab, U+0085, U+00A0, U+2028/9 and U+FEFF. */
function isPrintable(c: number): boolean {
  return (
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa1 && c <= 0xd7ff && c !== 0x2028 && c !== 0x2029) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) ||
    (c >= 0x10000 && c <= 0x10ffff)
  )
}

/** Code points of a string; a lone surrogate comes out as its own (non-printable) value. */
function* codePoints(s: string): Generator<{ cp: number; text: string }> {
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!
    const len = cp >= 0x10000 ? 2 : 1
    yield { cp, text: s.slice(i, i + len) }
    i += len
  }
}

function hex(cp: number): string {
  const h = cp.toString(16).toUpperCase()
  if (cp <= 0xff) return `\\x${h.padStart(2, '0')}`
  if (cp <= 0xffff) return `\\u${h.padStart(4, '0')}`
  return `\\U${h.padStart(8, '0')}`
}

/** One string value, quoted exactly as `js-yaml.dump(…, {forceQuotes: true})` quotes it. */
export function quoteYamlString(s: string): string {
  if (s === '') return "''"
  let printable = true
  for (const { cp } of codePoints(s)) {
    if (!isPrintable(cp)) {
      printable = false
      break
    }
  }
  if (printable) return `'${s.replace(/'/g, "''")}'`
  let out = ''
  for (const { cp, text } of codePoints(s)) {
    const esc = ESCAPES[cp]
    out += esc ?? (isPrintable(cp) ? text : hex(cp))
  }
  return `"${out}"`
}

export type YamlValue = string | boolean | null | string[]

/**
 * A flat mapping in the house style. Keys are written as given (they are the panel's
 * snake_case field names, always plain scalars); insertion order is kept.
 */
export function writeHouseYaml(record: ReadonlyArray<readonly [string, YamlValue]>): string {
  let out = ''
  for (const [key, value] of record) {
    if (Array.isArray(value)) {
      out += value.length === 0 ? `${key}: []\n` : `${key}:\n${value.map((v) => `  - ${quoteYamlString(v)}\n`).join('')}`
    } else if (value === null) {
      out += `${key}: null\n`
    } else if (typeof value === 'boolean') {
      out += `${key}: ${value ? 'true' : 'false'}\n`
    } else {
      out += `${key}: ${quoteYamlString(value)}\n`
    }
  }
  return out
}
