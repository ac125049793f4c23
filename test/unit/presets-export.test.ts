import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportPreset, presetFileName, presetToJson, presetToYaml } from '../../src/core/presets/export'
import { importPreset } from '../../src/core/presets/import'
import { quoteYamlString } from '../../src/core/presets/yaml-style'
import type { PresetConfig } from '../../src/shared/schemas/presets'
import { communityPresetBytes, USERINFO_PROVIDERS } from '../support/userinfo-fixtures'

// The five community presets define the house style; the panel's Export is js-yaml
// `dump(record, {flowLevel: -1, forceQuotes: true})` (docs/panel-behaviour.md#preset-export).
const ROOT = join(__dirname, '..', '..')

function keycloakLike(over: Partial<PresetConfig> = {}): PresetConfig {
  const r = importPreset(readFileSync(join(ROOT, 'presets', 'keycloak.yml'), 'utf8'))
  return { ...r.preset!, ...over }
}

describe('export: byte-for-byte round trip of the community presets', () => {
  it.each(USERINFO_PROVIDERS)('%s.yml (upstream bytes, checked by SHA-256)', (provider) => {
    const text = communityPresetBytes(provider).toString('utf8')
    const r = importPreset(text)
    expect(r.problems).toEqual([])
    expect(r.ok).toBe(true)
    expect(presetToYaml(r.preset!)).toBe(text)
  })

  it('the community preset fixtures are verbatim (upstream SHA-256)', () => {
    for (const provider of USERINFO_PROVIDERS) expect(() => communityPresetBytes(provider)).not.toThrow()
  })

  it('every file in presets/ is in the house style (re-export is identical)', () => {
    const files = readdirSync(join(ROOT, 'presets')).filter((f) => f.endsWith('.yml'))
    expect(files.length).toBeGreaterThanOrEqual(15)
    for (const f of files) {
      const text = readFileSync(join(ROOT, 'presets', f), 'utf8')
      expect(presetToYaml(importPreset(text).preset!), f).toBe(text)
    }
  })
})

describe('export: YAML quoting as js-yaml forceQuotes does it', () => {
  it.each([
    ['', "''"],
    ['plain', "'plain'"],
    ["it's", "'it''s'"],
    ["''", "''''''"],
    ['$.sub', "'$.sub'"],
    ['$["a b"]', `'$["a b"]'`],
    ['yes', "'yes'"],
    ['#comment-like: value', "'#comment-like: value'"],
    ['héllo – ünïcode', "'héllo – ünïcode'"],
    ['emoji 🎉', "'emoji 🎉'"],
    ['line\nbreak', '"line\\nbreak"'],
    ['tab\there', '"tab\\there"'],
    ['quote " and \\ in a control\u0001', '"quote \\" and \\\\ in a control\\x01"'],
    ['nbsp\u00a0x', '"nbsp\\_x"'],
    ['bom\ufeff', '"bom\\uFEFF"'],
    ['lone \ud800 surrogate', '"lone \\uD800 surrogate"'],
    ['del\u007f', '"del\\x7F"']
  ])('%j → %s', (input, expected) => {
    expect(quoteYamlString(input)).toBe(expected)
  })

  it('a multi-line description survives export and import unchanged', () => {
    const description = 'Line one\nLine two: it\'s "quoted"\n\ttabbed'
    const yaml = presetToYaml(keycloakLike({ description }))
    expect(yaml).toContain(`description: "Line one\\nLine two: it's \\"quoted\\"\\n\\ttabbed"\n`)
    expect(importPreset(yaml).preset!.description).toBe(description)
  })

  it('an empty scope list is written as []', () => {
    expect(presetToYaml(keycloakLike({ scopes: [] }))).toContain('\nscopes: []\n')
  })

  it('empty optional values become null (the panel stores null for "")', () => {
    const yaml = presetToYaml(keycloakLike({ description: '', username_path: '' }))
    expect(yaml).toContain('\ndescription: null\n')
    expect(yaml).toContain('\nusername_path: null\n')
  })
})

describe('export: never a client id or secret', () => {
  const withSecrets = { ...keycloakLike(), client_id: 'my-client-id', client_secret: 'S3cr3t-value-xyz' }
  it.each(['yaml', 'json'] as const)('%s', (format) => {
    const r = exportPreset(withSecrets, format)
    expect(r.content).not.toContain('my-client-id')
    expect(r.content).not.toContain('S3cr3t')
    expect(r.content).not.toContain('client_')
  })
})

describe('export: JSON', () => {
  it('is the panel’s JSON.stringify(record, undefined, 2): snake_case, record order, no final newline', () => {
    const text = readFileSync(join(ROOT, 'presets', 'pocket-id.yml'), 'utf8')
    const json = presetToJson(importPreset(text).preset!)
    expect(json.endsWith('}')).toBe(true)
    expect(Object.keys(JSON.parse(json))).toEqual([
      'name',
      'description',
      'auth_url',
      'token_url',
      'info_url',
      'scopes',
      'identifier_path',
      'email_path',
      'username_path',
      'name_first_path',
      'name_last_path',
      'enabled',
      'login_only',
      'login_bypass_2fa',
      'link_viewable',
      'user_manageable',
      'basic_auth'
    ])
    expect(json).toContain('\n  "scopes": [\n    "openid",\n    "email",\n    "profile"\n  ],\n')
  })

  it('imports back to the same record (JSON chosen because it starts with "{")', () => {
    const p = keycloakLike({ description: 'x\ny' })
    const r = importPreset(presetToJson(p))
    expect(r.format).toBe('json')
    expect(r.preset).toEqual(p)
  })
})

describe('export: file name and rule problems', () => {
  it('names the file after the provider', () => {
    expect(presetFileName('Pocket-ID', 'yaml')).toBe('pocket-id.yml')
    expect(presetFileName('Microsoft Entra ID', 'json')).toBe('microsoft-entra-id.json')
    expect(presetFileName('Ünïcode Provider!', 'yaml')).toBe('unicode-provider.yml')
    expect(presetFileName('???', 'yaml')).toBe('provider.yml')
  })

  it('reports the panel rules the record breaks, and still writes the file', () => {
    const r = exportPreset(keycloakLike({ identifier_path: '$..' }), 'yaml')
    expect(r.content).toContain("identifier_path: '$..'")
    expect(r.problems).toEqual([expect.objectContaining({ field: 'identifier_path', severity: 'error' })])
  })
})

describe('export: enabled: false for the panel’s Import', () => {
  // The panel's Import creates the provider at once with client ID/secret `example` and
  // `enabled` from the file: importDisabled keeps that dummy provider off the login page.
  it('writes enabled: false in YAML and JSON, nothing else changed', () => {
    const config = keycloakLike({ enabled: true })
    const yaml = exportPreset(config, 'yaml', { importDisabled: true }).content
    expect(yaml).toBe(presetToYaml(config).replace('enabled: true', 'enabled: false'))
    expect(JSON.parse(exportPreset(config, 'json', { importDisabled: true }).content)).toEqual({
      ...JSON.parse(presetToJson(config)),
      enabled: false
    })
    expect(importPreset(yaml).preset).toEqual({ ...importPreset(presetToYaml(config)).preset, enabled: false })
  })

  it('without the option the draft’s own value is written', () => {
    expect(exportPreset(keycloakLike({ enabled: true }), 'yaml').content).toContain('\nenabled: true\n')
    expect(exportPreset(keycloakLike({ enabled: false }), 'yaml', { importDisabled: false }).content).toContain('\nenabled: false\n')
  })
})
