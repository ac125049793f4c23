import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { evaluateMappings, evaluateMappingsSync, serverPermissions } from '../../src/core/engine/mappings'
import type { MappingEvalInput, MappingEvalResult, MatcherTrace } from '../../src/core/engine/mapping-types'

type FieldTrace = Extract<MatcherTrace, { path: string }>

/**
 * The mapping evaluation in the engine against the panel's answers. mapping-cases.json holds inputs and
 * the answers the panel's own mapping code gave for them (recorded from a build of the panel's crates;
 * see docs/jsonpath-engine.md); `traces` are ours and only checked for consistency.
 */
const recorded = JSON.parse(readFileSync(new URL('../fixtures/engine/mapping-cases.json', import.meta.url), 'utf8')) as Array<{
  input: { doc: string; granted_scope: string | null; mappings: MappingEvalInput['mappings']; user?: MappingEvalInput['user'] }
  oracle: Record<string, unknown>
}>

const ROLE = '6f1c2d3e-0000-4000-8000-000000000001'
const SERVER = '6f1c2d3e-0000-4000-8000-000000000002'

describe('mapping evaluation (the panel’s oauth_provider_mapping.rs)', () => {
  it.each(recorded.map((c, i) => [i, c] as const))('recorded case %i equals the panel field for field', (_i, c) => {
    const r = evaluateMappingsSync({
      body: c.input.doc,
      granted_scope: c.input.granted_scope,
      mappings: c.input.mappings,
      user: c.input.user
    })
    for (const [k, v] of Object.entries(c.oracle)) expect(r[k as keyof MappingEvalResult], k).toEqual(v)
    r.traces.forEach((t, j) => {
      if (t && r.doc_ok) expect(t.matched, `trace ${j}`).toBe(r.matched[j])
    })
  })

  it('explains a field matcher node by node', async () => {
    const r = await evaluateMappings({
      body: '{"groups":["admins","users"],"n":1.0}',
      granted_scope: 'openid email',
      mappings: [
        { matcher: { type: 'field_contains', path: '$.groups[*]', contains: 'adm' }, mapping: { type: 'role', role_uuid: ROLE } },
        { matcher: { type: 'field_equals', path: '$.n', equals: '1.0' }, mapping: { type: 'role', role_uuid: ROLE } },
        { matcher: { type: 'scopes', scopes: ['openid', 'groups'] }, mapping: { type: 'role', role_uuid: ROLE } }
      ]
    })
    expect(r.matched).toEqual([true, true, false])
    const t0 = r.traces[0] as FieldTrace
    expect(t0.node_count).toBe(2)
    expect(t0.nodes).toEqual([
      { location: "$['groups'][0]", text: 'admins', is_array: false, matched: true },
      { location: "$['groups'][1]", text: 'users', is_array: false, matched: false }
    ])
    // serde_json prints 1.0 as "1.0": the text the panel compares with.
    expect((r.traces[1] as FieldTrace).nodes[0]!.text).toBe('1.0')
    expect(r.traces[2]).toEqual({ type: 'scopes', matched: false, required: ['openid', 'groups'], missing: ['groups'] })
    expect(r.outcome.role_uuid).toBe(ROLE)
  })

  it('refuses what the panel refuses, in its words', () => {
    const r = evaluateMappingsSync({
      body: '{}',
      granted_scope: null,
      mappings: [
        {
          matcher: { type: 'field_exists', path: '$.a-b' },
          mapping: { type: 'server_subuser', server_uuid: SERVER, permissions: ['files.nope'], ignored_files: [] }
        },
        { matcher: { type: 'field_exists' }, mapping: { type: 'role', role_uuid: ROLE } }
      ]
    })
    expect(r.valid).toBe(false)
    expect(r.entry_valid).toEqual([false, false])
    expect(r.errors[0]).toMatch(/^mappings\[0\]\.matcher\.path: must be a valid json path: at position 3/)
    expect(r.errors[1]).toBe('mappings[0].mapping.permissions: invalid permission: files.nope')
    expect(r.errors[2]).toMatch(/^mappings\[1\]: invalid payload: missing field `path`/)
    expect(r.matched[1]).toBeNull()
  })

  it('a body the panel cannot read (byte-order mark) matches nothing', () => {
    const r = evaluateMappingsSync({
      body: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a":1}')]),
      granted_scope: null,
      mappings: [{ matcher: { type: 'none' }, mapping: { type: 'role', role_uuid: ROLE } }]
    })
    expect(r.doc_ok).toBe(false)
    expect(r.doc_error).toBe('expected value at line 1 column 1')
    expect(r.matched).toEqual([false])
    expect(r.outcome.role_uuid).toBeNull()
  })

  it('knows the panel’s base server permissions', () => {
    const all = serverPermissions()
    expect(all).toContain('control.console')
    expect(all).toContain('database-instances.delete-structure')
    expect(all).toHaveLength(78)
  })
})
