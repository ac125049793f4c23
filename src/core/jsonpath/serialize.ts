import type { JsonNode } from './document'

/**
 * serde_json's string escaping (`ser.rs` ESCAPE table): `"` and `\`, the short forms
 * `\b \t \n \f \r`, any other control character below U+0020 as `\u00xx` (lowercase
 * hex); everything else, DEL and non-ASCII included, is written as is.
 */
export function quoteJsonString(s: string): string {
  let out = '"'
  let from = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue
    out += s.slice(from, i)
    from = i + 1
    switch (c) {
      case 0x22:
        out += '\\"'
        break
      case 0x5c:
        out += '\\\\'
        break
      case 0x08:
        out += '\\b'
        break
      case 0x09:
        out += '\\t'
        break
      case 0x0a:
        out += '\\n'
        break
      case 0x0c:
        out += '\\f'
        break
      case 0x0d:
        out += '\\r'
        break
      default:
        out += `\\u00${c.toString(16).padStart(2, '0')}`
    }
  }
  return `${out}${s.slice(from)}"`
}

/**
 * The compact JSON text `serde_json::Value::to_string()` produces: members in document
 * order, no spaces, numbers as serde_json writes them. This is what the panel stores
 * for any matched value that is not a string (docs/panel-behaviour.md#value-extraction).
 */
export function toCompactJson(node: JsonNode): string {
  switch (node.type) {
    case 'null':
      return 'null'
    case 'bool':
      return node.value ? 'true' : 'false'
    case 'number':
      return node.text
    case 'string':
      return quoteJsonString(node.value)
    case 'array': {
      let out = '['
      for (let i = 0; i < node.items.length; i++) out += (i ? ',' : '') + toCompactJson(node.items[i]!)
      return `${out}]`
    }
    case 'object': {
      let out = '{'
      for (let i = 0; i < node.keys.length; i++) {
        out += `${i ? ',' : ''}${quoteJsonString(node.keys[i]!)}:${toCompactJson(node.values[i]!)}`
      }
      return `${out}}`
    }
  }
}

class Budget extends Error {}

/** Appends the compact text of `n` to `st.out`, throwing Budget once past `st.max`. */
function writeLimited(n: JsonNode, st: { out: string; max: number }): void {
  if (n.type === 'array') {
    st.out += '['
    for (let i = 0; i < n.items.length; i++) {
      if (i) st.out += ','
      writeLimited(n.items[i]!, st)
    }
    st.out += ']'
  } else if (n.type === 'object') {
    st.out += '{'
    for (let i = 0; i < n.keys.length; i++) {
      st.out += `${i ? ',' : ''}${quoteJsonString(n.keys[i]!)}:`
      if (st.out.length > st.max) throw new Budget()
      writeLimited(n.values[i]!, st)
    }
    st.out += '}'
  } else st.out += toCompactJson(n)
  if (st.out.length > st.max) throw new Budget()
}

/**
 * Like toCompactJson but stops after about `maxChars` characters, so a huge matched
 * object (`$..*` on a 1 MB document) costs no more than its visible prefix.
 */
export function toCompactJsonLimited(node: JsonNode, maxChars: number): { text: string; complete: boolean } {
  if (!Number.isFinite(maxChars) || (node.type !== 'array' && node.type !== 'object')) {
    const text = toCompactJson(node)
    return text.length <= maxChars ? { text, complete: true } : { text: cutUtf16(text, maxChars), complete: false }
  }
  const st = { out: '', max: maxChars }
  try {
    writeLimited(node, st)
    return { text: st.out, complete: true }
  } catch (err) {
    if (err instanceof Budget) return { text: cutUtf16(st.out, maxChars), complete: false }
    throw err
  }
}

/** The first `max` UTF-16 units, moved back so no surrogate pair is split (what we print stays valid Unicode). */
function cutUtf16(s: string, max: number): string {
  const c = s.charCodeAt(max - 1)
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max)
}
