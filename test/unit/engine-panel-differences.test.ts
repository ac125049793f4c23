import { describe, expect, it } from 'vitest'
import { extractField } from '../../src/core/jsonpath/extract'
import type { ExtractField } from '../../src/core/jsonpath/extract'
import { toCompactJson } from '../../src/core/jsonpath/serialize'
import { prepareDocument, previewRegistration } from '../../src/core/registration/preview'
import { panelEngine } from '../../src/core/engine/registry'
import { USERINFO_PROVIDERS, userinfoText } from '../support/userinfo-fixtures'

/**
 * Where RFC 9535 evaluators (and our former JavaScript engine) part from the panel. Each expected value
 * is what the panel's own crates (serde_json_path 0.7.2, serde_json with preserve_order) answered.
 */
/** No lone UTF-16 surrogate. */
const wellFormed = (s: string): boolean => !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))

function extract(body: string | Uint8Array, path: string, field: ExtractField = 'email') {
  const doc = prepareDocument(body)
  if (!doc.engine) throw new Error(doc.result.ok ? 'unreadable' : doc.result.message)
  return extractField(doc.engine, field, path)
}

describe('what the panel answers (issue classes)', () => {
  it('1. number literals in filters are read by serde_json’s parser', () => {
    expect(extract('{"xs":[{"v":567.6622122145216111,"id":"hit"}]}', '$.xs[?@.v == 567.6622122145216111].id').panelValue).toBe('hit')
  })

  it('2. control-character escapes in path strings', () => {
    expect(extract('{"a\\u0000b":"v"}', "$['a\\u0000b']").panelValue).toBe('v')
  })

  it('3. $.a[?@.x == 0.5] is valid and matches', () => {
    const ex = extract('{"a":[{"x":0.5}]}', '$.a[?@.x == 0.5]')
    expect(ex.valid).toBe(true)
    expect(ex.panelValue).toBe('{"x":0.5}')
  })

  it.each([
    ['(?m) multi-line anchors', '{"a":["x","y\\nx"]}', '$.a[?match(@, "(?m)^x$")]', 'x'],
    ['POSIX classes', '{"a":["abc","a1"]}', '$.a[?match(@, "[[:alpha:]]+")]', 'abc'],
    ['Unicode word boundary', '{"a":["José","Josée"]}', "$.a[?search(@,'é\\\\b')]", 'José'],
    ['Unicode scripts', '{"a":["αβγ","abc"]}', '$.a[?match(@, "\\\\p{Greek}+")]', 'αβγ'],
    ['named groups (?P<n>…)', '{"a":["ab"]}', '$.a[?match(@, "(?P<n>a)b")]', 'ab'],
    ['\\x{…} escapes', '{"a":["😀"]}', '$.a[?match(@, "\\\\x{1F600}")]', '😀'],
    ['look-behind (Rust refuses it: matches nothing)', '{"a":["x"]}', '$.a[?match(@, "(?<=a)x")]', null],
    ['back-references (refused: nothing)', '{"a":["x"]}', '$.a[?match(@, "\\\\1")]', null]
  ])('4. Rust regex syntax: %s', (_name, body, path, value) => {
    const ex = extract(body, path)
    expect(ex.valid).toBe(true)
    expect(ex.panelValue).toBe(value)
  })

  it('4. a catastrophic-backtracking pattern is linear in Rust’s regex', () => {
    const ex = extract(`["${'a'.repeat(27)}!"]`, '$[?search(@, "(a+)+b")]')
    expect(ex.valid).toBe(true)
    expect(ex.outcome).toBe('failed')
  })

  it('5. a lower-case high surrogate escape is refused, and the tester says how to write it', () => {
    const lower = extract('{"😀":1}', '$["\\ud83d\\ude00"]')
    expect(lower.valid).toBe(false)
    expect(lower.error).toEqual({ message: 'in long-hand segment, parser error', position: 3 })
    expect(lower.problems[0]!.message).toMatch(/upper-case high surrogate \(“\\uD83D\\uDE00”\)/)
    expect(extract('{"😀":1}', '$["\\uD83D\\uDE00"]').panelValue).toBe('1')
  })

  it.each([
    ['6. an exponent beyond f64', '$.a[?@.x < 1e400]', 9],
    ['8. a hyphen in a dot name', '$.a-b', 3],
    ['9. a parenthesised test compared', '$[?(@.a) == 1]', 9],
    ['10. a leading zero', '$[?@.a == -01]', 12]
  ])('%s is refused', (_name, path, position) => {
    const ex = extract('{"a":[{"x":1}]}', path)
    expect(ex.valid).toBe(false)
    expect(ex.error?.position).toBe(position)
  })

  it('7. a body starting with a byte-order mark cannot be read: the login fails', () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"sub":"x"}')])
    const doc = prepareDocument(body)
    expect(doc.engine).toBeNull()
    const p = previewRegistration(doc, {
      identifier_path: '$.sub',
      email_path: null,
      username_path: null,
      name_first_path: null,
      name_last_path: null
    })
    expect(p.outcome).toBe('login-fails')
    expect(p.document).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^expected value at line 1 column 1 \(the body starts with a byte-order mark/)
    })
  })

  it('11. the bytes {"sub":"a\\xFFb"} cannot be read', () => {
    const body = new Uint8Array([...new TextEncoder().encode('{"sub":"a'), 0xff, ...new TextEncoder().encode('b"}')])
    const doc = prepareDocument(body)
    expect(doc.engine).toBeNull()
    expect(doc.result).toMatchObject({ ok: false, message: 'invalid unicode code point at line 1 column 12' })
  })

  it('numbers print as serde_json prints them, in document order', () => {
    const doc = prepareDocument('{"a":1.0,"b":1e2,"c":12345678901234567890,"d":-0,"e":1.5e300}')
    const ex = extractField(doc.engine!, 'email', '$')
    expect(ex.panelValue).toBe('{"a":1.0,"b":100.0,"c":12345678901234567890,"d":-0.0,"e":1.5e+300}')
  })

  it('duplicate keys: the last value, where the first stood', () => {
    expect(extract('{"sub":"x","a":1,"sub":"y"}', '$', 'identifier').panelValue).toBe('{"sub":"y","a":1}')
  })

  it('a 255-byte cut never splits a character, and the text stays valid Unicode', () => {
    const ex = extract(JSON.stringify({ v: '😀'.repeat(100) }), '$.v')
    expect(ex.panelValue).toBe('😀'.repeat(63))
    expect(wellFormed(ex.panelValue!)).toBe(true)
    for (const p of ex.problems) expect(wellFormed(p.message)).toBe(true)
  })
})

describe('the userinfo tree shows what the engine holds', () => {
  it.each<[string, string]>([
    ...USERINFO_PROVIDERS.map((p): [string, string] => [p, userinfoText(p)]),
    ['numbers', '{"a":1.0,"b":1e2,"c":12345678901234567890,"d":-0,"e":1.5e300,"f":0.30000000000000004,"g":1e-7}'],
    ['order and duplicates', '{"z":1,"10":{"b":[],"a":null},"z":2,"é\\u0000":"\\ud83d\\ude00"}']
  ])('%s: same text, same key order', (_name, text) => {
    const doc = prepareDocument(text)
    if (!doc.engine || !doc.result.ok) throw new Error('unreadable')
    expect(toCompactJson(doc.result.root)).toBe(panelEngine().query(doc.engine.handle, '$', { nodeLimit: 1 }).nodes[0]!.json)
  })
})
