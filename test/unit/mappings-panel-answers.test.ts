import { describe, expect, it } from 'vitest'
import { evaluateMappings } from '../../src/core/mappings/engine-evaluator'
import { testMappings } from '../../src/core/mappings/test-mappings'

// Expected values are the panel's own answers (its matcher/outcome code run on these inputs),
// written inline. Userinfo shared by all cases:
const DOC = JSON.stringify({
  sub: 'u1',
  email: 'ann@corp.example',
  groups: ['ops', 'dev', 'superadmins'],
  admin: true,
  level: 3,
  org: { name: 'Corp' },
  nick: null
})
const R = '6f1b2c3d-1111-2222-3333-444455556666'
const R2 = '6f1b2c3d-1111-2222-3333-444455557777'
const S = '0a0b0c0d-aaaa-bbbb-cccc-ddddeeeeffff'
const role = (matcher: unknown, uuid = R, revoke = false) => ({
  matcher,
  mapping: { type: 'role', role_uuid: uuid, revoke_unmatched: revoke }
})
const sub = (matcher: unknown, permissions = ['control.console'], revoke = false) => ({
  matcher,
  mapping: { type: 'server_subuser', server_uuid: S, permissions, ignored_files: [], revoke_unmatched: revoke }
})

async function run(mappings: { matcher: unknown; mapping: unknown }[], granted_scope: string | null = null) {
  return testMappings({ mappings, samples: [{ label: 's', body: DOC, granted_scope }], known: null }, evaluateMappings)
}
const matched = async (matcher: unknown, scope: string | null = null) =>
  (await run([role(matcher)], scope)).samples[0]!.mappings[0]!.matched

describe('every matcher type, as the panel answers', () => {
  it.each([
    ['none', { type: 'none' }, true],
    ['field_exists on a null value', { type: 'field_exists', path: '$.nick' }, true],
    ['field_exists on nothing', { type: 'field_exists', path: '$.missing' }, false],
    ['field_equals on an array (JSON text)', { type: 'field_equals', path: '$.groups', equals: 'ops' }, false],
    ['field_equals on an array, its JSON text', { type: 'field_equals', path: '$.groups', equals: '["ops","dev","superadmins"]' }, true],
    ['field_equals on each element', { type: 'field_equals', path: '$.groups[*]', equals: 'ops' }, true],
    ['field_equals on a boolean', { type: 'field_equals', path: '$.admin', equals: 'true' }, true],
    ['field_equals on a number', { type: 'field_equals', path: '$.level', equals: '3' }, true],
    ['field_equals on null', { type: 'field_equals', path: '$.nick', equals: 'null' }, true],
    ['field_equals is case-sensitive', { type: 'field_equals', path: '$.groups[*]', equals: 'OPS' }, false],
    ['field_contains on an array: whole elements', { type: 'field_contains', path: '$.groups', contains: 'admin' }, false],
    ['field_contains on strings: substring', { type: 'field_contains', path: '$.groups[*]', contains: 'admin' }, true],
    ['field_contains on an object: its JSON', { type: 'field_contains', path: '$.org', contains: 'Corp' }, true],
    ['field_starts_with', { type: 'field_starts_with', path: '$.email', starts_with: 'ann@' }, true],
    ['field_ends_with', { type: 'field_ends_with', path: '$.email', ends_with: '@corp.example' }, true],
    ['field_ends_with on an array’s JSON text', { type: 'field_ends_with', path: '$.groups', ends_with: ']' }, true],
    ['empty and', { type: 'and', matchers: [] }, true],
    ['empty or', { type: 'or', matchers: [] }, false],
    ['not', { type: 'not', matcher: { type: 'field_exists', path: '$.missing' } }, true],
    [
      'three nested groups',
      { type: 'and', matchers: [{ type: 'or', matchers: [{ type: 'not', matcher: { type: 'field_exists', path: '$.x' } }] }] },
      true
    ],
    ['empty scopes', { type: 'scopes', scopes: [] }, true]
  ])('%s', async (_name, matcher, expected) => {
    expect(await matched(matcher)).toBe(expected)
  })

  it('scopes: split on single spaces; absent scope grants nothing; commas are not separators', async () => {
    const m = { type: 'scopes', scopes: ['openid', 'groups'] }
    expect(await matched(m, 'openid groups email')).toBe(true)
    const comma = await run([role(m)], 'openid,groups')
    expect(comma.samples[0]!.mappings[0]!.matched).toBe(false)
    expect(comma.samples[0]!.warnings.join(' ')).toMatch(/separated by commas \(GitHub does this\)/)
    const none = await run([role(m)], null)
    expect(none.samples[0]!.mappings[0]!.matched).toBe(false)
    expect(none.samples[0]!.warnings.join(' ')).toMatch(/has no `scope`/)
  })
})

describe('traps, with the panel’s answers', () => {
  it('an array compared with field_equals: the explanation names the fix', async () => {
    const r = await run([role({ type: 'field_equals', path: '$.groups', equals: 'ops' })])
    expect(r.samples[0]!.mappings[0]!.explanation).toBe(
      'No match: `$.groups` is an array: `field_equals` compares its JSON text `["ops","dev","superadmins"]`, and "ops" is one of its elements; use `$.groups[*]` to test each element, or `field_contains` on `$.groups` for membership.'
    )
  })

  it('contains on strings is a substring: admin matches superadmins', async () => {
    const r = await run([role({ type: 'field_contains', path: '$.groups[*]', contains: 'admin' })])
    expect(r.samples[0]!.mappings[0]!.explanation).toBe(
      'Matches: `$[\'groups\'][2]` is "superadmins", which contains "admin" as a substring.'
    )
    expect(r.samples[0]!.warnings.join(' ')).toMatch(/matched "superadmins"/)
    expect(r.warnings.join(' ')).toMatch(/substring test/)
  })

  it('the last-created matching role wins', async () => {
    const r = await run([role({ type: 'none' }, R), role({ type: 'field_equals', path: '$.groups[*]', equals: 'ops' }, R2)])
    expect(r.samples[0]!.outcome).toEqual({ role_uuid: R2, servers: [] })
    expect(r.samples[0]!.warnings.join(' ')).toMatch(/the last-created, mapping 2, wins/)
  })

  it('revoke_unmatched: nothing for a new user, removal for one who has the access (hand-made too)', async () => {
    const r = await run([
      sub({ type: 'field_equals', path: '$.groups[*]', equals: 'nope' }, ['control.console'], true),
      role({ type: 'field_exists', path: '$.missing' }, R, true)
    ])
    expect(r.samples[0]!.outcome).toEqual({ role_uuid: null, servers: [] })
    expect(r.samples[0]!.summary).toContain(
      `A user who already has subuser access to server ${S} loses it at this login, even access given by hand.`
    )
    expect(r.samples[0]!.summary).toContain(`A user who already has the role ${R} loses it at this login.`)
    expect(r.warnings.join(' ')).toMatch(/including access someone gave by hand/)
  })

  it('a matched mapping for the same server suppresses the revoke', async () => {
    const r = await run([sub({ type: 'none' }), sub({ type: 'field_exists', path: '$.missing' }, ['control.console'], true)])
    expect(r.samples[0]!.outcome).toEqual({
      role_uuid: null,
      servers: [{ server_uuid: S, action: 'add_or_update', permissions: ['control.console'] }]
    })
  })

  it('uuids the panel does not have: accepted, deleted a minute later', async () => {
    const r = await testMappings(
      { mappings: [role({ type: 'none' }, R2)], samples: [], known: { roles: [R], servers: [] } },
      evaluateMappings
    )
    expect(r.valid).toBe(true)
    expect(r.warnings.join(' ')).toMatch(/no role 6f1b2c3d-1111-2222-3333-444455557777.*about a minute later/)
  })

  it('upper-case uuids are the panel’s lowercase ones', async () => {
    const r = await run([role({ type: 'none' }, R.toUpperCase())])
    expect(r.samples[0]!.outcome.role_uuid).toBe(R)
  })
})

describe('validation with the panel’s messages', () => {
  it.each([
    [
      'a fourth nested group',
      role({ type: 'and', matchers: [{ type: 'or', matchers: [{ type: 'not', matcher: { type: 'and', matchers: [] } }] }] }),
      ['mappings[0].matcher: matcher may not nest groups more than 3 levels deep']
    ],
    [
      'an unknown permission',
      sub({ type: 'none' }, ['control.console', 'files.nope']),
      ['mappings[0].mapping.permissions: invalid permission: files.nope']
    ],
    [
      'a path that does not parse',
      role({ type: 'field_equals', path: 'groups', equals: 'x' }),
      ['mappings[0].matcher.path: must be a valid json path: at position 0, parser error']
    ],
    [
      '256 bytes in 128 characters',
      role({ type: 'field_equals', path: '$.a', equals: 'é'.repeat(128) }),
      ['mappings[0].matcher.equals: length is greater than 255']
    ],
    [
      'the key is equals, not value',
      role({ type: 'field_equals', path: '$.a', value: 'x' }),
      ['mappings[0]: invalid payload: missing field `equals` at line 1 column 59']
    ]
  ])('%s', async (_name, entry, errors) => {
    const r = await run([entry])
    expect(r.valid).toBe(false)
    expect(r.problems).toEqual(errors)
    expect(r.entry_valid).toEqual([false])
  })
})
