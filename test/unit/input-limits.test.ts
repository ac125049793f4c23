import { afterEach, describe, expect, it, vi } from 'vitest'
import { panelEngine } from '../../src/core/engine/registry'
import { findExcessNesting, JSONPATH_NESTING, YAML_NESTING } from '../../src/core/limits/nesting'
import { importPreset } from '../../src/core/presets/import'

afterEach(() => vi.restoreAllMocks())

describe('nesting is bounded before parsing', () => {
  it('a 100,000-deep YAML flow sequence is refused with a clear message, not a stack overflow', () => {
    const r = importPreset(`name: x\nscopes: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)
    expect(r.ok).toBe(false)
    expect(r.problems[0]?.message).toMatch(/more than 128 levels deep \(line 2\)/)
    expect(JSON.stringify(r)).not.toMatch(/call stack/i)
  })

  it('a 100,000-deep JSON preset likewise', () => {
    const r = importPreset(`{"name": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`)
    expect(r.ok).toBe(false)
    expect(r.problems[0]?.message).toMatch(/more than 128 levels deep/)
  })

  it('10,000 nested parentheses in a JSONPath are refused with a clear message', () => {
    const expr = `$[?${'('.repeat(10_000)}@.a${')'.repeat(10_000)}]`
    const r = panelEngine().checkPath(expr)
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/more than 64 levels deep/) })
    // The engine is still there for the next path.
    expect(panelEngine().checkPath('$[?((@.a == 1) && (@.b == 2))]').ok).toBe(true)
  })

  it('brackets inside quotes and YAML comments do not count', () => {
    expect(findExcessNesting(`a: '${'['.repeat(500)}''x'\nb: "${'['.repeat(500)}\\""\n# ${'['.repeat(500)}`, 10, YAML_NESTING)).toBe(-1)
    expect(findExcessNesting(`$['${'('.repeat(500)}']`, 10, JSONPATH_NESTING)).toBe(-1)
    expect(findExcessNesting('[[[', 2, YAML_NESTING)).toBe(2)
  })

  it('a YAML complex key does not make the yaml package write a warning to stderr', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined)
    const r = importPreset('? [a, b]\n: 1\nname: x\n')
    // js-yaml 5.3.0, the panel's reader, refuses complex keys: the file is refused as the panel would.
    expect(r.ok).toBe(false)
    expect(r.problems.some((p) => p.message.includes('does not support complex keys'))).toBe(true)
    expect(warn).not.toHaveBeenCalled()
  })
})

describe('a remote issuer template cannot make the issuer check backtrack', () => {
  it('more than two {tenant} placeholders are an ordinary issuer mismatch, without running a pattern', async () => {
    const { startRouteServer, sendJson } = await import('../support/route-server')
    const { discover } = await import('../../src/core/discovery')
    const srv = await startRouteServer()
    try {
      const wk = '/.well-known/openid-configuration'
      const base = {
        authorization_endpoint: `${srv.origin}/auth`,
        token_endpoint: `${srv.origin}/token`,
        userinfo_endpoint: `${srv.origin}/me`,
        jwks_uri: `${srv.origin}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256']
      }
      // Three placeholders that would fit the address as a pattern: still refused.
      srv.route(`/a/b/c${wk}`, sendJson({ ...base, issuer: `${srv.origin}/{tenant}/{tenant}/{tenant}` }))
      const r = await discover(`${srv.origin}/a/b/c`)
      expect(r.findings.map((f) => f.code)).toContain('issuer-mismatch')
      // Adjacent placeholders against a long segment: answered at once (a pattern would backtrack for ages).
      srv.route(`/${'a'.repeat(40)}${wk}`, sendJson({ ...base, issuer: `${srv.origin}/${'{tenant}'.repeat(30)}!` }))
      const r2 = await discover(`${srv.origin}/${'a'.repeat(40)}`)
      expect(r2.findings.map((f) => f.code)).toContain('issuer-mismatch')
    } finally {
      await srv.close()
    }
  })
})
