import { describe, expect, it } from 'vitest'
import type { MatcherTrace } from '../../src/core/engine/mapping-types'
import { explainMapping } from '../../src/core/mappings/explain'
import { staticTraps } from '../../src/core/mappings/traps'

// Traces shaped as the engine returns them (node text: a string raw, anything else compact JSON).
const groupsArray: MatcherTrace = {
  type: 'field_equals',
  matched: false,
  path: '$.groups',
  path_valid: true,
  expected: 'ops',
  nodes: [{ location: "$['groups']", text: '["ops","dev"]', is_array: true, matched: false }],
  node_count: 1
}

describe('explanations of the engine’s answers', () => {
  it('names the array trap of field_equals with its fix', () => {
    const e = explainMapping(groupsArray, false, [])
    expect(e.matched).toBe(false)
    expect(e.explanation).toBe(
      'No match: `$.groups` is an array: `field_equals` compares its JSON text `["ops","dev"]`, and "ops" is one of its elements; use `$.groups[*]` to test each element, or `field_contains` on `$.groups` for membership.'
    )
    // A single failing test is its own nearest miss: said once.
    expect(e.nearest_miss).toBeNull()
  })

  it('says which node matched and that contains on a string is a substring test', () => {
    const t: MatcherTrace = {
      type: 'field_contains',
      matched: true,
      path: '$.groups[*]',
      path_valid: true,
      expected: 'admin',
      nodes: [
        { location: "$['groups'][0]", text: 'ops', is_array: false, matched: false },
        { location: "$['groups'][1]", text: 'superadmins', is_array: false, matched: true }
      ],
      node_count: 2
    }
    expect(explainMapping(t, true, []).explanation).toBe(
      'Matches: `$[\'groups\'][1]` is "superadmins", which contains "admin" as a substring.'
    )
  })

  it('points at the failing test of an and, through not and or', () => {
    const t: MatcherTrace = {
      type: 'and',
      matched: false,
      children: [
        { type: 'none', matched: true },
        {
          type: 'not',
          matched: false,
          child: { type: 'or', matched: true, children: [{ type: 'scopes', matched: true, required: [], missing: [] }] }
        },
        { type: 'scopes', matched: false, required: ['groups'], missing: ['groups'] }
      ]
    }
    const e = explainMapping(t, false, [])
    expect(e.explanation).toMatch(/^No match: test 2 of the `and` fails: the negated test passes/)
    expect(e.nearest_miss).toMatch(/^The test under `not` matches/)
    expect(e.lines.map((l) => [l.depth, l.matched])).toEqual([
      [0, false],
      [1, true],
      [1, false],
      [2, true],
      [3, true],
      [1, false]
    ])
  })

  it('case, whitespace and JSON text near misses', () => {
    const base = { type: 'field_equals' as const, matched: false, path: '$.role', path_valid: true, node_count: 1 }
    expect(
      explainMapping(
        { ...base, expected: 'Admin', nodes: [{ location: "$['role']", text: 'admin', is_array: false, matched: false }] },
        false,
        []
      ).explanation
    ).toMatch(/only if case is ignored/)
    expect(
      explainMapping(
        { ...base, expected: 'admin', nodes: [{ location: "$['role']", text: 'admin ', is_array: false, matched: false }] },
        false,
        []
      ).explanation
    ).toMatch(/differ only in spaces/)
    expect(
      explainMapping(
        { ...base, expected: 'True', nodes: [{ location: "$['role']", text: 'true', is_array: false, matched: false }] },
        false,
        []
      ).explanation
    ).toMatch(/case is ignored/)
    expect(explainMapping({ ...base, expected: 'x', nodes: [], node_count: 0 }, false, []).explanation).toBe(
      'No match: `$.role` selects nothing in this userinfo.'
    )
    expect(
      explainMapping({ ...base, expected: 'x', path: 'role', path_valid: false, nodes: [], node_count: 0 }, false, []).explanation
    ).toMatch(/not a valid JSONPath/)
  })

  it('for an or, the nearest miss is the child closest to passing, not the first', () => {
    const t: MatcherTrace = {
      type: 'or',
      matched: false,
      children: [
        { type: 'field_exists', matched: false, path: '$.admin', path_valid: true, expected: null, nodes: [], node_count: 0 },
        {
          type: 'field_equals',
          matched: false,
          path: '$.role',
          path_valid: true,
          expected: 'Admin',
          nodes: [{ location: "$['role']", text: 'admin', is_array: false, matched: false }],
          node_count: 1
        }
      ]
    }
    expect(explainMapping(t, false, []).nearest_miss).toBe(
      '`$[\'role\']` = "admin": "admin" equals "Admin" only if case is ignored, and the panel compares case-sensitively.'
    )
  })

  it('an entry the panel cannot read is invalid, not unmatched', () => {
    expect(explainMapping(null, null, ['invalid payload: missing field `equals`'])).toEqual({
      matched: null,
      explanation: 'Not valid: invalid payload: missing field `equals`.',
      nearest_miss: null,
      lines: []
    })
  })
})

describe('static traps', () => {
  const R = '6f1b2c3d-1111-2222-3333-444455556666'
  const S = '0a0b0c0d-aaaa-bbbb-cccc-ddddeeeeffff'
  it('revoke_unmatched, unknown uuids, substring contains, several roles', () => {
    const w = staticTraps(
      [
        {
          matcher: { type: 'field_contains', path: '$.groups[*]', contains: 'admin' },
          mapping: { type: 'role', role_uuid: R.toUpperCase() }
        },
        { matcher: { type: 'none' }, mapping: { type: 'role', role_uuid: `{${R}}` } },
        {
          matcher: { type: 'none' },
          mapping: { type: 'server_subuser', server_uuid: S, permissions: [], ignored_files: [], revoke_unmatched: true }
        }
      ],
      { roles: [R], servers: [] }
    )
    expect(w.some((x) => /revoke_unmatched deletes the user’s subuser access/.test(x) && /by hand/.test(x))).toBe(true)
    expect(w.some((x) => /no server 0a0b0c0d/.test(x) && /a minute later/.test(x))).toBe(true)
    expect(w.some((x) => /no role/.test(x))).toBe(false)
    expect(w.some((x) => /substring test/.test(x))).toBe(true)
    expect(w.some((x) => /last-created one wins/.test(x))).toBe(true)
  })
})
