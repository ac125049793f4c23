import { describe, expect, it } from 'vitest'
import { parseDocument } from '../../src/core/jsonpath/document'
import type { JsonNode } from '../../src/core/jsonpath/document'
import { extractField, shortestPath, truncateUtf8 } from '../../src/core/jsonpath/extract'
import type { EngineDocument, ExtractField } from '../../src/core/jsonpath/extract'
import { prepareDocument } from '../../src/core/registration/preview'
import { compareWithLegacy } from '../../src/core/jsonpath/legacy'
import { formatF64, readJsonNumber } from '../../src/core/jsonpath/numbers'
import { suggestPaths } from '../../src/core/jsonpath/suggest'

// docs/panel-behaviour.md#value-extraction: what the panel stores for a path on a userinfo document.

function root(text: string): JsonNode {
  const d = parseDocument(text)
  if (!d.ok) throw new Error(d.message)
  return d.root
}

/** The document as the panel's engine holds it. */
function body(text: string): EngineDocument {
  const d = prepareDocument(text)
  if (!d.engine) throw new Error(d.result.ok ? 'unreadable' : d.result.message)
  return d.engine
}

/** The panel value for `path` on the document `text` (null when extraction fails). */
function panel(text: string, path: string | null, field: ExtractField = 'identifier'): string | null {
  return extractField(body(text), field, path).panelValue
}

const codes = (text: string, path: string | null, field: ExtractField = 'identifier'): string[] =>
  extractField(body(text), field, path).problems.map((p) => p.code)

describe('values: strings as is, anything else as serde_json writes it', () => {
  it.each([
    ['string used as is (no quotes)', '{"a":"jane"}', '"jane"'.slice(1, -1)],
    ['integer', '{"a":12345}', '12345'],
    ['integer beyond 2^53 keeps every digit', '{"a":12345678901234567890}', '12345678901234567890'],
    ['u64::MAX is still an integer', '{"a":18446744073709551615}', '18446744073709551615'],
    ['one past u64::MAX becomes a float', '{"a":18446744073709551616}', '1.8446744073709552e+19'],
    ['i64::MIN is an integer', '{"a":-9223372036854775808}', '-9223372036854775808'],
    ['below i64::MIN becomes a float', '{"a":-9223372036854775809}', '-9.223372036854776e+18'],
    ['float 3.0 stays 3.0', '{"a":3.0}', '3.0'],
    ['1e2 becomes 100.0', '{"a":1e2}', '100.0'],
    ['trailing zeros go: 1.50 → 1.5', '{"a":1.50}', '1.5'],
    ['-0 is the float -0.0', '{"a":-0}', '-0.0'],
    ['1e15 still plain', '{"a":1e15}', '1000000000000000.0'],
    ['1e16 switches to exponent form with +', '{"a":1e16}', '1e+16'],
    ['1e21', '{"a":1e21}', '1e+21'],
    ['1e-5 plain', '{"a":0.00001}', '0.00001'],
    ['1e-7 exponent form', '{"a":1e-7}', '1e-7'],
    ['shortest digits 0.1+0.2', '{"a":0.30000000000000004}', '0.30000000000000004'],
    ['true', '{"a":true}', 'true'],
    ['false', '{"a":false}', 'false'],
    ['null becomes the text null', '{"a":null}', 'null'],
    ['array compact', '{"a":["x", 1, 2.0, null]}', '["x",1,2.0,null]'],
    ['object keeps document order, integer-like keys included', '{"a":{"b":1,"2":"two","a":[true]}}', '{"b":1,"2":"two","a":[true]}'],
    ['nested arrays', '{"a":[[1,[2,3]],[]]}', '[[1,[2,3]],[]]'],
    ['escapes inside JSON text', '{"a":{"q":"say \\"hi\\"\\n\\t\\\\"}}', '{"q":"say \\"hi\\"\\n\\t\\\\"}'],
    ['control characters as lowercase \\u00xx', '{"a":["\\u001f\\u000b"]}', '["\\u001f\\u000b"]'],
    ['non-ASCII and DEL stay raw', '{"a":["José 日本 \\u007f"]}', '["José 日本 \u007f"]'],
    ['escaped slash is written plain', '{"a":["a\\/b"]}', '["a/b"]']
  ])('%s', (_name, doc, expected) => {
    expect(panel(doc, '$.a')).toBe(expected)
  })

  it('the whole document with $ is its compact text in document order', () => {
    expect(panel('{ "z": 1, "10": 2.50 , "a": {} }', '$')).toBe('{"z":1,"10":2.5,"a":{}}')
  })

  it('a JSON null is flagged as a warning (the panel stores “null”)', () => {
    expect(codes('{"a":null}', '$.a', 'email')).toContain('value.null')
  })

  it('a number identifier is only informative', () => {
    const ex = extractField(body('{"id":583231}'), 'identifier', '$.id')
    expect(ex.problems).toEqual([expect.objectContaining({ code: 'value.number', severity: 'info' })])
  })
})

describe('first node, in the panel’s (document) order', () => {
  it('wildcard over an object follows the document, not JavaScript key order', () => {
    expect(panel('{"b":"first","1":"second"}', '$.*')).toBe('first')
  })

  it('descendant: the node’s own match comes before its children’s', () => {
    expect(panel('{"a":{"email":"deep"},"email":"top"}', '$..email')).toBe('top')
  })

  it('descendant: earlier subtrees first', () => {
    expect(panel('{"x":{"y":{"email":"1"}},"z":{"email":"2"}}', '$..email')).toBe('1')
  })

  it('descendant through arrays', () => {
    expect(panel('{"accounts":[{"kind":"a"},{"kind":"b","id":7}]}', '$..id')).toBe('7')
  })

  it('several matches: the first is used, and the admin is told', () => {
    const ex = extractField(body('{"emails":["a@x.io","b@x.io","c@x.io"]}'), 'email', '$.emails[*]')
    expect(ex.panelValue).toBe('a@x.io')
    expect(ex.nodes.map((n) => n.json)).toEqual(['"a@x.io"', '"b@x.io"', '"c@x.io"'])
    expect(ex.problems.map((p) => p.message).join()).toMatch(/3 nodes match/)
  })

  it.each([
    ['$.groups[0]', 'admins'],
    ['$.groups[-1]', 'users'],
    ['$.groups[1:]', 'gamers'],
    ['$.groups[::-1]', 'users']
  ])('array selection %s', (path, expected) => {
    expect(panel('{"groups":["admins","gamers","users"]}', path)).toBe(expected)
  })

  it('nested arrays by index', () => {
    expect(panel('{"a":[[0,1],[2,[3,"x"]]]}', '$.a[1][1][1]')).toBe('x')
  })
})

describe('filters (RFC 9535 comparisons as serde_json_path does them)', () => {
  const doc = JSON.stringify({
    emails: [
      { address: 'old@example.com', primary: false, rank: 2.0 },
      { address: 'jane@example.com', primary: true, rank: 1 }
    ]
  })
  it('boolean equality', () => {
    expect(panel(doc, '$.emails[?@.primary == true].address', 'email')).toBe('jane@example.com')
  })
  it('numbers compare by value: 1 == 1.0, 2.0 == 2', () => {
    expect(panel('{"v":[{"n":1.0,"k":"a"},{"n":2,"k":"b"}]}', '$.v[?@.n == 1].k')).toBe('a')
    expect(panel(doc, '$.emails[?@.rank == 2].address')).toBe('old@example.com')
  })
  it('string ordering', () => {
    expect(panel(doc, "$.emails[?@.address < 'k'].address")).toBe('jane@example.com')
  })
  it('match() is a whole-string match, search() a partial one', () => {
    expect(panel(doc, "$.emails[?match(@.address, 'jane@.*')].address")).toBe('jane@example.com')
    expect(panel(doc, "$.emails[?match(@.address, 'jane')].address")).toBeNull()
    expect(panel(doc, "$.emails[?search(@.address, 'old')].address")).toBe('old@example.com')
  })
  it('a dot in match() does not match a line break (Rust regex CRLF mode)', () => {
    expect(panel('{"a":[{"s":"x\\ny"},{"s":"x-y"}]}', "$.a[?match(@.s, 'x.y')].s")).toBe('x-y')
  })
  it('length() counts code points', () => {
    expect(panel('{"a":[{"s":"😀😀"},{"s":"abc"}]}', '$.a[?length(@.s) == 2].s')).toBe('😀😀')
  })
  it('existence test', () => {
    expect(panel('{"a":[{"x":1},{"y":2,"v":"yes"}]}', '$.a[?@.y].v')).toBe('yes')
  })
})

describe('missing nodes and invalid paths', () => {
  it('no node: the login fails, with the panel’s words', () => {
    const ex = extractField(body('{"sub":"1"}'), 'email', '$.email')
    expect(ex.outcome).toBe('failed')
    expect(ex.panelValue).toBeNull()
    expect(ex.problems[0]!.message).toMatch(/unable to extract email from/)
  })

  it('out-of-range index is no node', () => {
    expect(panel('{"g":["a"]}', '$.g[5]')).toBeNull()
  })

  it.each([
    ['email', 0],
    ['$.', 2],
    // serde_json_path points at the bracket itself (json-p3 said 2).
    ['$[', 1],
    ['$.email.', 8],
    ["$['a", 4]
  ])('invalid %s is refused with a position', (path, position) => {
    const ex = extractField(body('{"email":"a@b.c"}'), 'email', path)
    expect(ex.valid).toBe(false)
    expect(ex.outcome).toBe('failed')
    expect(ex.error?.position).toBe(position)
    expect(ex.problems[0]!.code).toBe('path.invalid')
  })
})

describe('truncation to UTF-8 bytes at a character boundary', () => {
  it('255 bytes for most fields', () => {
    const v = panel(JSON.stringify({ n: 'x'.repeat(300) }), '$.n', 'name_first')
    expect(v).toBe('x'.repeat(255))
  })
  it('15 bytes for the username, never splitting a 2-byte character', () => {
    expect(panel(JSON.stringify({ u: 'é'.repeat(9) }), '$.u', 'username')).toBe('é'.repeat(7))
  })
  it('15 bytes exactly with 3-byte characters', () => {
    expect(panel(JSON.stringify({ u: '日本語テキストです' }), '$.u', 'username')).toBe('日本語テキ')
  })
  it('a 4-byte emoji that does not fit is dropped whole', () => {
    expect(panel(JSON.stringify({ u: 'abcdefghijklm😀' }), '$.u', 'username')).toBe('abcdefghijklm')
    expect(truncateUtf8('ab😀', 5)).toBe('ab')
  })
  it('non-string values are cut after serialisation', () => {
    const doc = JSON.stringify({ o: { groups: Array.from({ length: 100 }, (_, i) => `group-${i}`) } })
    const v = panel(doc, '$.o', 'name_last')!
    expect(v).toHaveLength(255)
    expect(v.startsWith('{"groups":["group-0","group-1"')).toBe(true)
  })
  it('a truncated identifier is an error (different users could collide)', () => {
    const ex = extractField(body(JSON.stringify({ sub: 'x'.repeat(256) })), 'identifier', '$.sub')
    expect(ex.problems).toEqual([expect.objectContaining({ code: 'value.truncated', severity: 'error' })])
  })
  it('a NUL character cannot be stored by PostgreSQL', () => {
    expect(codes('{"a":"x\\u0000y"}', '$.a', 'name_first')).toContain('value.nul')
  })
})

describe('paths not set: values generated by the panel', () => {
  const doc = '{"sub":"1"}'
  it('e-mail: 10 letters/digits at oauth.c7s.rs', () => {
    const ex = extractField(body(doc), 'email', null)
    expect(ex.outcome).toBe('generated')
    expect(ex.panelValue).toMatch(/^[A-Za-z0-9]{10}@oauth\.c7s\.rs$/)
  })
  it('username: 10 letters/digits', () => {
    expect(panel(doc, null, 'username')).toMatch(/^[A-Za-z0-9]{10}$/)
  })
  it('first and last name: First, Last', () => {
    expect(panel(doc, null, 'name_first')).toBe('First')
    expect(panel(doc, null, 'name_last')).toBe('Last')
  })
  it('an empty optional path counts as not set', () => {
    expect(extractField(body(doc), 'name_last', '').outcome).toBe('generated')
  })
  it('the identifier path is required', () => {
    expect(extractField(body(doc), 'identifier', null).problems[0]!.code).toBe('path.required')
    expect(extractField(body(doc), 'identifier', '').outcome).toBe('failed')
  })
})

describe('documents the panel cannot read, and duplicate keys', () => {
  it.each([
    ['a number out of f64 range', '{"a":1e400}', /number out of range/],
    ['a leading surrogate escape at the end of a string', '{"a":"\\ud800"}', /^unexpected end of hex escape/],
    ['a leading surrogate escape without its pair', '{"a":"\\ud800\\u0041"}', /^lone leading surrogate in hex escape/],
    ['a lone trailing surrogate escape', '{"a":"\\udc00"}', /^lone leading surrogate in hex escape/],
    ['a byte-order mark', '\ufeff{"a":1}', /byte-order mark/],
    ['a trailing comma', '{"a":1,}', /^trailing comma at line 1 column 8$/],
    ['trailing characters', '{"a":1} x', /^trailing characters at line 1 column 9$/],
    ['a raw control character in a string', '{"a":"x\ty"}', /control character/],
    ['a leading zero', '{"a":01}', /invalid number/],
    ['single quotes', "{'a':1}", /key must be a string/],
    ['nesting of 128 levels', `${'['.repeat(128)}${']'.repeat(128)}`, /recursion limit/]
  ])('%s', (_name, text, message) => {
    const d = parseDocument(text)
    expect(d.ok).toBe(false)
    if (!d.ok) expect(d.message).toMatch(message)
  })

  it('127 levels are fine', () => {
    expect(parseDocument(`${'['.repeat(127)}${']'.repeat(127)}`).ok).toBe(true)
  })

  it('a tiny exponent underflows to 0.0 instead of failing', () => {
    expect(panel('{"a":1e-400}', '$.a')).toBe('0.0')
  })

  it('duplicate keys: the last value wins, at the first key’s position', () => {
    const text = '{"a":"first","b":"b","a":"last"}'
    expect(panel(text, '$.a')).toBe('last')
    expect(panel(text, '$')).toBe('{"a":"last","b":"b"}')
    const d = parseDocument(text)
    expect(d.ok && d.notes[0]!.message).toMatch(/appears more than once/)
  })
})

describe('shortest RFC 9535 path for a clicked node', () => {
  it.each([
    [['email'], '$.email'],
    [['weird key'], "$['weird key']"],
    [['groups', 0], '$.groups[0]'],
    [['2'], "$['2']"],
    [['1abc'], "$['1abc']"],
    [['a-b'], "$['a-b']"],
    [["it's"], "$['it\\'s']"],
    [['ñame'], '$.ñame'],
    [['_x9'], '$._x9'],
    [['tab\tkey'], "$['tab\\tkey']"],
    [['https://example.com/claims/roles', 1], "$['https://example.com/claims/roles'][1]"]
  ])('%j → %s', (loc, expected) => {
    expect(shortestPath(loc as Array<string | number>)).toBe(expected)
  })

  it('every shortest path finds its node again', () => {
    const text = JSON.stringify({ 'weird key': { "it's": [1, { 'ñ-x': 'found' }] } })
    const r = body(text)
    const ex = extractField(r, 'identifier', "$..['ñ-x']")
    expect(ex.nodes[0]!.path).toBe("$['weird key']['it\\'s'][1]['ñ-x']")
    expect(panel(text, ex.nodes[0]!.path)).toBe('found')
  })
})

describe('legacy evaluators (jsonpath-plus) compared in one line', () => {
  const legacy = (text: string, path: string): string | null =>
    compareWithLegacy(JSON.parse(text), extractField(body(text), 'identifier', path)).message

  it('accepts a path without $ that the panel refuses', () => {
    expect(legacy('{"email":"a@b.io"}', 'email')).toMatch(/accept this and give “a@b.io”; the panel refuses.*\$\.email/)
  })
  it('orders integer-like keys first where the panel keeps the document', () => {
    expect(legacy('{"b":"first","1":"second"}', '$.*')).toMatch(/gives “second”; the panel gives “first”/)
  })
  it('loses the digits of big integers', () => {
    expect(legacy('{"id":12345678901234567890}', '$.id')).toMatch(/“12345678901234567000”; the panel gives “12345678901234567890”/)
  })
  it('says nothing when both agree', () => {
    expect(legacy('{"sub":"x"}', '$.sub')).toBeNull()
  })
})

describe('number formatting matches zmij/serde_json', () => {
  it.each([
    [1, '1.0'],
    [1e100, '1e+100'],
    [1.5e-300, '1.5e-300'],
    [123456.789, '123456.789'],
    [5e-324, '5e-324'],
    [-2.5e20, '-2.5e+20'],
    [5.444310685350916e14, '544431068535091.6']
  ])('%d → %s', (n, s) => {
    expect(formatF64(n)).toBe(s)
  })
  it('serde_json’s own float parsing: significand digits past u64 are dropped', () => {
    expect(readJsonNumber('18446744073709551616.5').text).toBe('1.8446744073709552e+19')
    expect(readJsonNumber('1.0000000000000000000000001').text).toBe('1.0')
  })
})

describe('path suggestions from the document and from claims_supported', () => {
  const r = root('{"2":"x","sub":"248","email":"jane@x.io","preferred_username":"jane.doe","nickname":"jdoe","work_mail":"j@corp.io"}')
  const paths = (field: ExtractField, claims: string[] = []) =>
    suggestPaths(r, field, claims).map((s) => `${s.path}${s.source === 'claims_supported' ? '*' : ''}`)
  it('usual claim names first, then e-mail-shaped values for the e-mail', () => {
    expect(paths('email')).toEqual(['$.email', '$.work_mail'])
    expect(paths('username')).toEqual(['$.preferred_username', '$.nickname'])
  })
  it('advertised claims missing from the document come after (marked *)', () => {
    expect(paths('name_first', ['sub', 'given_name', 'email'])).toEqual(['$.given_name*'])
    expect(paths('identifier', ['sub', 'email'])).toEqual(['$.sub'])
  })
  it('works without a document (claims_supported only)', () => {
    expect(suggestPaths(null, 'username', ['preferred_username', 'email']).map((s) => s.path)).toEqual(['$.preferred_username'])
  })
})

describe('filter semantics the panel’s serde_json_path has beyond the CTS', () => {
  const all = (text: string, path: string): string[] =>
    extractField(body(text), 'identifier', path, { maxNodes: 100 }).nodes.map((n) => n.json)
  it('strings order by code point, not UTF-16 unit (U+FFFF < U+1F600)', () => {
    expect(all('["\\uffff","a"]', "$[?@ < '😀']")).toEqual(['"\uffff"', '"a"'])
  })
  it('nested numbers compare by serde_json variant: [1] ≠ [1.0], though 1 == 1.0', () => {
    expect(all('[{"a":[1],"b":[1.0]},{"a":[2],"b":[2]}]', '$[?@.a == @.b].a')).toEqual(['[2]'])
    expect(all('[{"a":1,"b":1.0}]', '$[?@.a == @.b].a')).toEqual(['1'])
  })
  it('objects compare regardless of member order', () => {
    expect(all('[{"a":{"x":1,"y":2},"b":{"y":2,"x":1}}]', '$[?@.a == @.b].b')).toEqual(['{"y":2,"x":1}'])
  })
  it('>= and > on arrays and booleans hold whenever not less (serde_json_path; RFC 9535 says false)', () => {
    expect(all('[{"a":[1],"b":[2]}]', '$[?@.a >= @.b].b')).toEqual(['[2]'])
    expect(all('[{"a":true,"b":false}]', '$[?@.a > @.b].b')).toEqual(['false'])
    expect(all('[{"a":[1],"b":[2]}]', '$[?@.a <= @.b].b')).toEqual([])
  })
  it('match(): Rust’s Unicode \\d and a dot that matches U+2028', () => {
    expect(all('["١٢٣","12a"]', "$[?match(@, '\\\\d+')]")).toEqual(['"١٢٣"'])
    expect(all('["a\\u2028b"]', "$[?match(@, 'a.b')]")).toEqual(['"a\u2028b"'])
  })
  it('<= and >= between two absent values are false (RFC 9535 would say true)', () => {
    expect(all('[{"x":1},{"a":1,"b":2}]', '$[?@.a <= @.b]')).toEqual(['{"a":1,"b":2}'])
    expect(all('[{"x":1}]', '$[?@.a == @.b]')).toEqual(['{"x":1}'])
  })
  it('match() and search() test strings only, never numbers', () => {
    expect(all('[8,"8"]', "$[?match(@, '.')]")).toEqual(['"8"'])
  })
  it('a leading (?i) makes match() case-insensitive, as in Rust', () => {
    expect(all('["Jane@Example.COM","x@other.org"]', "$[?match(@, '(?i).*@example\\\\.com')]")).toEqual(['"Jane@Example.COM"'])
  })
  it('a pattern Rust refuses (look-ahead, back-reference) matches nothing', () => {
    expect(all('["ab"]', "$[?search(@, 'a(?=b)')]")).toEqual([])
    expect(all('["aa"]', "$[?match(@, '(a)\\\\1')]")).toEqual([])
  })
})
