import { describe, expect, it } from 'vitest'
import { analyseClaims } from '../../src/core/login/claims-analysis'
import { pathProblems } from '../../src/core/provider/rules'

/** Provider rules and the login's claims analysis ask the panel's engine, not an imitation. */
describe('paths judged by the panel’s engine outside the tester', () => {
  it('the save-time rule refuses what serde_json_path refuses, at its position', () => {
    expect(pathProblems('email_path', '$.a-b')).toEqual([
      { field: 'email_path', severity: 'error', message: 'invalid JSONPath at position 3: parser error' }
    ])
    expect(pathProblems('email_path', '$.a[?@.x < 1e400]')[0]?.severity).toBe('error')
    // RFC 9535 evaluators refuse this; the panel accepts it.
    expect(pathProblems('email_path', '$.a[?@.x == 0.5]')).toEqual([])
  })

  const base = { idTokenClaims: null, scopes: ['openid', 'email'], grantedScope: null }

  it('the claims analysis finds a nested path that matches nothing', () => {
    const findings = analyseClaims({ ...base, userinfoText: '{"sub":"1","groups":[]}', paths: { email_path: '$.groups[0]' } })
    expect(findings).toEqual([expect.objectContaining({ code: 'login.claim-missing', message: expect.stringContaining('$.groups[0]') })])
  })

  it('a path that matches through a filter is not reported missing', () => {
    const findings = analyseClaims({
      ...base,
      userinfoText: '{"sub":"1","emails":[{"primary":true,"v":"a@b.c"}]}',
      paths: { email_path: '$.emails[?@.primary == true].v' }
    })
    expect(findings).toEqual([])
  })

  it('a body the panel cannot read gets no claim findings (the login fails before)', () => {
    expect(analyseClaims({ ...base, userinfoText: '\ufeff{"sub":"1"}', paths: { email_path: '$.email' } })).toEqual([])
  })
})

describe('the engine survives a trap', () => {
  it('a path nested 10,000 deep in a mapping exhausts the module’s stack: it restarts, and old bodies are refused, not misread', async () => {
    const { evaluateMappingsSync } = await import('../../src/core/engine/mappings')
    const { panelEngine } = await import('../../src/core/engine/registry')
    const engine = panelEngine()
    const before = engine.parseDocument('{"sub":"1"}')
    if (!before.ok) throw new Error(before.error)
    const deep = `$[?${'('.repeat(10_000)}@${')'.repeat(10_000)}]`
    expect(() =>
      evaluateMappingsSync({
        body: '{}',
        granted_scope: null,
        mappings: [
          { matcher: { type: 'field_exists', path: deep }, mapping: { type: 'role', role_uuid: '6f1c2d3e-0000-4000-8000-000000000001' } }
        ]
      })
    ).toThrow(/stopped .* and was restarted/)
    expect(() => engine.query(before.handle, '$.sub')).toThrow(expect.objectContaining({ code: 'engine.unavailable' }))
    const after = engine.parseDocument('{"sub":"2"}')
    if (!after.ok) throw new Error(after.error)
    expect(engine.query(after.handle, '$.sub', { nodeLimit: 1 }).value).toBe('2')
  })
})
