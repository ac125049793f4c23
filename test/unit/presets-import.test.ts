import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importPreset } from '../../src/core/presets/import'
import type { ImportProblem } from '../../src/shared/schemas/presets'
import { runCliInProcess } from '../support/run-cli'

// The panel's Import (frontend AdminOAuthProviders.tsx → handleImport): File.text() +
// trim(); JSON if it starts with "{", else js-yaml load; client_id/secret replaced by
// "example"; zod with every field required (docs/panel-behaviour.md#provider-record, #preset-import).
const BASE = readFileSync(join(__dirname, '..', '..', 'presets', 'pocket-id.yml'), 'utf8')
// Lines of BASE: name 1, description 2, auth_url 3, token_url 4, info_url 5, scopes 6
// (entries 7–9), identifier_path 10, email_path 11, username_path 12, name_first_path 13,
// name_last_path 14, enabled 15, login_only 16, login_bypass_2fa 17, link_viewable 18,
// user_manageable 19, basic_auth 20.

/** BASE with the line of `key` replaced (or removed when `text` is null). */
function withLine(key: string, text: string | null): string {
  const lines = BASE.split('\n')
  const i = lines.findIndex((l) => l.startsWith(`${key}:`))
  if (i < 0) throw new Error(key)
  if (text === null) lines.splice(i, 1)
  else lines[i] = text
  return lines.join('\n')
}
const JSON_BASE = JSON.stringify(Object.fromEntries(Object.entries(importPreset(BASE).preset!).map(([k, v]) => [k, v])), undefined, 2)

interface Case {
  name: string
  text: string
  ok: boolean
  expect: Array<Partial<Omit<ImportProblem, 'message'>> & { message: RegExp }>
}

const CASES: Case[] = [
  {
    name: 'YAML syntax: unclosed flow list',
    text: withLine('scopes', "scopes: ['openid', 'email'").replace(/\n {2}- '\w+'/g, ''),
    ok: false,
    expect: [{ severity: 'error', line: 7, message: /YAML syntax error \(line 7\)/ }]
  },
  {
    name: 'YAML syntax: unterminated quoted string',
    text: withLine('name', "name: 'Pocket-ID"),
    ok: false,
    expect: [{ severity: 'error', message: /YAML syntax error \(line \d+\): .*quot/i }]
  },
  {
    name: 'YAML syntax: key indented under a scalar',
    text: withLine('description', '  description: null'),
    ok: false,
    expect: [{ severity: 'error', line: 2, message: /YAML syntax error \(line 2\)/ }]
  },
  {
    name: 'YAML syntax: tab used for indentation',
    text: BASE.replace("  - 'email'", "\t- 'email'"),
    ok: false,
    expect: [{ severity: 'error', line: 8, message: /YAML syntax error \(line 8\): .*tab/i }]
  },
  {
    name: 'YAML: unresolved alias',
    text: withLine('description', 'description: *missing'),
    ok: false,
    expect: [{ severity: 'error', message: /YAML syntax error \(line 2\): .*alias|cannot be read: .*alias/i }]
  },
  {
    name: 'wrong type: name is a number',
    text: withLine('name', 'name: 2024'),
    ok: false,
    expect: [
      {
        severity: 'error',
        field: 'name',
        line: 1,
        message: /^"name" \(line 1\) must be text, found a number \(2024\)\. Quote it: name: '2024'\.$/
      }
    ]
  },
  {
    name: 'YAML: a tag the panel’s js-yaml does not know (!!binary)',
    text: withLine('name', 'name: !!binary aGVsbG8='),
    ok: false,
    expect: [{ severity: 'error', line: 1, message: /unknown scalar tag .*js-yaml/ }]
  },
  {
    name: 'wrong type: switch written as quoted text',
    text: withLine('enabled', "enabled: 'true'"),
    ok: false,
    expect: [
      {
        severity: 'error',
        field: 'enabled',
        line: 15,
        message: /"enabled" \(line 15\) must be true or false, found text \("true"\)\. Write true or false without quotes/
      }
    ]
  },
  {
    name: 'wrong type: YAML 1.1 yes/no for a switch',
    text: withLine('login_only', 'login_only: no'),
    ok: false,
    expect: [{ severity: 'error', field: 'login_only', line: 16, message: /"no" is text in YAML 1\.2/ }]
  },
  {
    name: 'wrong type: scopes as one text',
    text: withLine('scopes', "scopes: 'openid email profile'").replace(/\n {2}- '\w+'/g, ''),
    ok: false,
    expect: [
      { severity: 'error', field: 'scopes', line: 6, message: /"scopes" \(line 6\) must be a list, found text .*Write one scope per line/s }
    ]
  },
  {
    name: 'wrong type: a scope that is a number',
    text: BASE.replace("  - 'email'", '  - 42'),
    ok: false,
    expect: [{ severity: 'error', field: 'scopes', line: 6, message: /must be a list of texts, .*Entry 2 is a number \(42\)/ }]
  },
  {
    name: 'wrong type: description is a list',
    text: withLine('description', 'description: [a, b]'),
    ok: false,
    expect: [{ severity: 'error', field: 'description', line: 2, message: /must be text or null, found a list of 2 items/ }]
  },
  {
    name: 'unknown key that looks like a typo',
    text: withLine('email_path', "emial_path: '$.email'"),
    ok: false,
    expect: [
      {
        severity: 'warning',
        field: 'emial_path',
        line: 11,
        message: /Unknown key "emial_path" \(line 11\): the panel ignores it\. Did you mean "email_path"\?/
      },
      { severity: 'error', field: 'email_path', message: /Missing key "email_path".*email_path: null/ }
    ]
  },
  {
    name: 'unknown extra key (ignored, import still fine)',
    text: `${BASE}icon: 'https://example.com/logo.png'\n`,
    ok: true,
    expect: [{ severity: 'warning', field: 'icon', line: 21, message: /Unknown key "icon" \(line 21\): the panel ignores it\.$/ }]
  },
  {
    name: 'too long: name of 256 characters',
    text: withLine('name', `name: '${'n'.repeat(256)}'`),
    ok: false,
    expect: [
      { severity: 'error', field: 'name', line: 1, message: /^"name" \(line 1\) must be at most 255 characters long \(it has 256\)\.$/ }
    ]
  },
  {
    name: 'too long: description of 1025 characters',
    text: withLine('description', `description: '${'d'.repeat(1025)}'`),
    ok: false,
    expect: [{ severity: 'error', field: 'description', line: 2, message: /must be at most 1024 characters long \(it has 1025\)/ }]
  },
  {
    name: 'too long: token_url over 255 characters',
    text: withLine('token_url', `token_url: 'https://id.example.com/${'t'.repeat(240)}'`),
    ok: false,
    expect: [{ severity: 'error', field: 'token_url', line: 4, message: /must be at most 255 characters long/ }]
  },
  {
    name: 'too many scopes (256)',
    text: withLine('scopes', `scopes:\n${Array.from({ length: 256 }, (_, i) => `  - 's${i}'`).join('\n')}`).replace(
      /\n {2}- '(openid|email|profile)'/g,
      ''
    ),
    ok: false,
    expect: [{ severity: 'error', field: 'scopes', line: 6, message: /must have at most 255 entries \(it has 256\)/ }]
  },
  {
    name: 'invalid JSONPath: descendant with nothing after',
    text: withLine('identifier_path', "identifier_path: '$..'"),
    ok: false,
    expect: [{ severity: 'error', field: 'identifier_path', line: 10, message: /^"identifier_path" \(line 10\) invalid JSONPath/ }]
  },
  {
    name: 'invalid JSONPath: missing the $ root',
    text: withLine('username_path', "username_path: 'preferred_username'"),
    ok: false,
    expect: [{ severity: 'error', field: 'username_path', line: 12, message: /invalid JSONPath/ }]
  },
  {
    name: 'path shorter than 3 characters (the panel’s import form refuses it)',
    text: withLine('name_last_path', "name_last_path: '$'"),
    ok: false,
    expect: [
      {
        severity: 'error',
        field: 'name_last_path',
        line: 14,
        message: /must be at least 3 characters long; the panel's Import refuses "\$"/
      }
    ]
  },
  {
    name: 'missing key (an export from before login_bypass_2fa existed)',
    text: withLine('login_bypass_2fa', null),
    ok: false,
    expect: [
      { severity: 'error', field: 'login_bypass_2fa', message: /^Missing key "login_bypass_2fa": the panel's Import needs every field\.$/ }
    ]
  },
  {
    name: 'duplicate key in YAML (js-yaml refuses it)',
    text: `${BASE}name: 'Second'\n`,
    ok: false,
    expect: [{ severity: 'error', field: 'name', line: 21, message: /"name" appears twice \(lines 1 and 21\); the panel refuses/ }]
  },
  {
    name: 'duplicate key in JSON (JSON.parse keeps the last)',
    text: JSON_BASE.replace('"name": "Pocket-ID",', '"name": "Pocket-ID",\n  "name": "Pocket ID 2",'),
    ok: true,
    expect: [
      { severity: 'warning', field: 'name', line: 3, message: /"name" appears twice \(lines 2 and 3\); the panel keeps the last value/ }
    ]
  },
  {
    name: 'a client secret included',
    text: `${BASE}client_secret: 'sup3r-s3cret-value'\n`,
    ok: true,
    expect: [
      {
        severity: 'warning',
        field: 'client_secret',
        line: 21,
        message: /contains a client secret \(line 21\)\. It was dropped.*create a new secret/
      }
    ]
  },
  {
    name: 'a client id included',
    text: `client_id: 'abc123'\n${BASE}`,
    ok: true,
    expect: [{ severity: 'warning', field: 'client_id', line: 1, message: /contains a client ID \(line 1\); it was dropped/ }]
  },
  {
    name: 'byte order mark',
    text: `\uFEFF${BASE}`,
    ok: true,
    expect: [{ severity: 'warning', line: 1, message: /byte order mark \(BOM\); it was ignored/ }]
  },
  {
    name: 'CRLF line endings',
    text: BASE.replace(/\n/g, '\r\n'),
    ok: true,
    expect: [{ severity: 'warning', message: /Windows line endings \(CRLF\)/ }]
  },
  {
    name: 'binary data (a PNG)',
    text: '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR',
    ok: false,
    expect: [
      { severity: 'error', line: 2, message: /This is not a text file: it contains the control character U\+001A \(line 2, column 1\)/ }
    ]
  },
  {
    name: 'bytes that are not UTF-8',
    text: withLine('name', "name: 'Pocket\uFFFDID'"),
    ok: false,
    expect: [{ severity: 'error', line: 1, message: /bytes that are not valid UTF-8 \(line 1, column 14\)/ }]
  },
  {
    name: 'a 10 MB file',
    text: `${BASE}#${'x'.repeat(10 * 1024 * 1024)}\n`,
    ok: false,
    expect: [{ severity: 'error', message: /too large for a preset \(10\.0 MB; the limit is 1 MB/ }]
  },
  { name: 'empty file', text: '', ok: false, expect: [{ severity: 'error', message: /^The file is empty\.$/ }] },
  { name: 'only blank lines and spaces', text: ' \n\n  \n', ok: false, expect: [{ severity: 'error', message: /^The file is empty\.$/ }] },
  { name: 'only a YAML comment', text: '# nothing here\n', ok: false, expect: [{ severity: 'error', message: /^The file is empty\.$/ }] },
  {
    name: 'a YAML list instead of a mapping',
    text: "- name: 'Pocket-ID'\n",
    ok: false,
    expect: [
      { severity: 'error', line: 1, message: /This is not a preset: expected keys such as "name: 'Keycloak'", found a list of 1 item/ }
    ]
  },
  {
    name: 'plain text',
    text: 'Hello, this is a README.\n',
    ok: false,
    expect: [{ severity: 'error', message: /found text \("Hello, this is a README\."\)/ }]
  },
  {
    name: 'two YAML documents',
    text: `${BASE}---\n${BASE}`,
    ok: false,
    expect: [{ severity: 'error', line: 21, message: /several YAML documents \(a second one starts after "---" at line 21\)/ }]
  },
  {
    name: 'JSON syntax: trailing comma',
    text: JSON_BASE.replace(/\n}$/, ',\n}'),
    ok: false,
    expect: [
      {
        severity: 'error',
        line: 23,
        message: /read as JSON \(as the panel does\), but it is not valid JSON \(line 23\): Expected double-quoted property name/
      }
    ]
  },
  {
    name: 'JSON syntax: unquoted word',
    text: JSON_BASE.replace('"enabled": true', '"enabled": yes'),
    ok: false,
    expect: [{ severity: 'error', line: 17, message: /not valid JSON \(line 17\): Unexpected character 'y'/ }]
  },
  {
    name: 'JSON: wrong type located by line',
    text: JSON_BASE.replace('"basic_auth": false', '"basic_auth": "false"'),
    ok: false,
    expect: [
      {
        severity: 'error',
        field: 'basic_auth',
        line: 22,
        message: /"basic_auth" \(line 22\) must be true or false, found text \("false"\)/
      }
    ]
  },
  {
    name: 'JSON after blank lines: lines count from the top of the file',
    text: `\n\n${JSON_BASE.replace('"scopes": [', '"scopes": "openid", "x": [')}`,
    ok: false,
    expect: [{ severity: 'error', field: 'scopes', line: 9, message: /"scopes" \(line 9\) must be a list/ }]
  },
  {
    name: 'a JSON array is not JSON for the panel (it does not start with "{")',
    text: `[${JSON_BASE}]`,
    ok: false,
    expect: [{ severity: 'error', message: /This is not a preset: .*found a list of 1 item/ }]
  }
]

describe('import: malformed preset files', () => {
  it('has at least 25 malformed files', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25)
  })

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = importPreset(c.text)
    expect(r.ok, JSON.stringify(r.problems, null, 1)).toBe(c.ok)
    expect(r.preset === null).toBe(!c.ok)
    for (const e of c.expect) {
      const { message, ...rest } = e
      const match = r.problems.find(
        (p) => message.test(p.message) && Object.entries(rest).every(([k, v]) => (p as Record<string, unknown>)[k] === v)
      )
      expect(
        match,
        `expected ${JSON.stringify(rest)} ${message} in\n${r.problems.map((p) => `${p.severity} L${p.line} ${p.field}: ${p.message}`).join('\n')}`
      ).toBeDefined()
    }
  })
})

describe('import: the same files read from disk by the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'malformed-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_n, c, i) => {
    const file = join(dir, `case-${i}.${c.text.trimStart().startsWith('{') ? 'json' : 'yml'}`)
    writeFileSync(file, c.text, 'utf8')
    const { code, stdout } = await runCliInProcess(['import', file, '--json'])
    const direct = importPreset(c.text)
    expect(code).toBe(c.ok ? 0 : 1)
    if (!c.ok) expect(JSON.parse(stdout).problems).toEqual(direct.problems)
  })
})

describe('import: what the panel accepts', () => {
  it('JSON with spaces, newlines, a BOM or a no-break space before "{" (the panel trims)', () => {
    for (const prefix of ['  ', '\n\n', '\uFEFF', '\u00a0\n']) {
      const r = importPreset(prefix + JSON_BASE)
      expect(r.format).toBe('json')
      expect(r.ok).toBe(true)
    }
  })

  it('YAML indented as a whole (the panel trims the first line’s indentation only)', () => {
    const r = importPreset(`  ${BASE}`)
    expect(r.ok).toBe(true)
  })

  it('camelCase keys, as the panel camelCases keys before matching them', () => {
    const r = importPreset(withLine('identifier_path', "identifierPath: '$.sub'").replace('login_bypass_2fa:', 'loginBypass2fa:'))
    expect(r.ok).toBe(true)
    expect(r.preset!.identifier_path).toBe('$.sub')
    expect(r.preset!.login_bypass_2fa).toBe(false)
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/"identifierPath" \(line 10\) is read as "identifier_path"/),
      expect.stringMatching(/"loginBypass2fa" \(line 17\) is read as "login_bypass_2fa"/)
    ])
  })

  it('"" in an optional field is null, as the panel’s nullableString makes it', () => {
    const r = importPreset(withLine('description', "description: ''").replace("email_path: '$.email'", "email_path: ''"))
    expect(r.ok).toBe(true)
    expect(r.preset!.description).toBeNull()
    expect(r.preset!.email_path).toBeNull()
  })

  it('YAML anchors, as js-yaml reads them', () => {
    const text = withLine('token_url', "token_url: &tok 'https://id.example.com/api/oidc/token'").replace(
      /^info_url: .*$/m,
      "info_url: 'https://id.example.com/api/oidc/userinfo'"
    )
    expect(importPreset(text).ok).toBe(true)
  })

  it('never puts a secret in a message', () => {
    const r = importPreset(`${BASE}client_secret: 'sup3r-s3cret-value'\nclient_id: 'the-client-id'\n`)
    expect(JSON.stringify(r)).not.toContain('sup3r-s3cret-value')
    expect(JSON.stringify(r)).not.toContain('the-client-id')
    expect(r.preset).not.toHaveProperty('client_secret')
    expect(r.preset).not.toHaveProperty('client_id')
  })
})

/**
 * The panel's Import, case by case (docs/panel-behaviour.md#preset-import): trimmed text;
 * "{" → JSON.parse, else js-yaml 5.3.0 `load`; snake_case or camelCase keys; every key
 * required, nullable ones included; '' → null for description and the optional paths;
 * real booleans only; unknown keys dropped. The verdicts below are the panel's.
 */
describe('import: exactly what the panel’s Import accepts and refuses', () => {
  const verdict = (text: string): { ok: boolean; errors: string[]; preset: Record<string, unknown> | null } => {
    const r = importPreset(text)
    return {
      ok: r.ok,
      errors: r.problems.filter((p) => p.severity === 'error').map((p) => p.message),
      preset: r.preset as Record<string, unknown> | null
    }
  }

  it('accepts the panel’s own YAML export style: !!null and !!bool on quoted scalars', () => {
    const text = BASE.replace('description: null', "description: !!null 'null'")
      .replace("username_path: '$.preferred_username'", "username_path: !!null 'null'")
      .replace('enabled: true', "enabled: !!bool 'true'")
      .replace('login_only: false', "login_only: !!bool 'false'")
    expect(text).not.toBe(BASE)
    const v = verdict(text)
    expect(v.errors).toEqual([])
    expect(v.preset).toMatchObject({ description: null, username_path: null, enabled: true, login_only: false })
  })

  it('refuses !!bool on a text js-yaml does not read as a boolean', () => {
    const v = verdict(withLine('enabled', "enabled: !!bool 'yes'"))
    expect(v.ok).toBe(false)
    expect(v.errors.join('\n')).toMatch(/line 15.*cannot resolve a node with !<tag:yaml.org,2002:bool> explicit tag/)
  })

  it('refuses a YAML flow mapping: it starts with "{", so the panel parses it as JSON', () => {
    const flow = `{name: 'Pocket-ID', description: null, auth_url: 'https://id.example.com/authorize'}`
    const v = verdict(flow)
    expect(v.ok).toBe(false)
    expect(v.errors).toHaveLength(1)
    expect(v.errors[0]).toMatch(/read as JSON .*not valid JSON \(line 1\).*YAML flow mapping/)
  })

  it('refuses yes, on and quoted true: booleans must be real booleans', () => {
    for (const text of ['enabled: yes', 'enabled: on', "enabled: 'true'", 'enabled: 1', 'enabled: ~']) {
      const v = verdict(withLine('enabled', text))
      expect(v.ok, text).toBe(false)
      expect(v.errors.join('\n'), text).toMatch(/"enabled" \(line 15\) must be true or false/)
    }
  })

  it('accepts True and FALSE (js-yaml’s core schema reads them as booleans)', () => {
    expect(verdict(withLine('enabled', 'enabled: True')).preset).toMatchObject({ enabled: true })
    expect(verdict(withLine('login_only', 'login_only: FALSE')).preset).toMatchObject({ login_only: false })
  })

  it('refuses a missing nullable key (zod: expected string, received undefined)', () => {
    for (const key of ['description', 'email_path', 'username_path', 'name_first_path', 'name_last_path']) {
      const v = verdict(withLine(key, null))
      expect(v.ok, key).toBe(false)
      expect(v.errors, key).toEqual([expect.stringContaining(`Missing key "${key}"`)])
    }
  })

  it('refuses a missing required key of every other kind', () => {
    for (const key of ['name', 'auth_url', 'identifier_path', 'basic_auth']) {
      expect(verdict(withLine(key, null)).errors, key).toEqual([expect.stringContaining(`Missing key "${key}"`)])
    }
  })

  it("stores '' as null for description and the optional paths", () => {
    const text = withLine('description', "description: ''").replace("name_first_path: '$.given_name'", "name_first_path: ''")
    expect(verdict(text).preset).toMatchObject({ description: null, name_first_path: null })
  })

  it("refuses '' where a text is required", () => {
    expect(verdict(withLine('name', "name: ''")).ok).toBe(false)
    expect(verdict(withLine('identifier_path', "identifier_path: ''")).ok).toBe(false)
  })

  it('reads snake_case and camelCase keys alike, and drops unknown keys', () => {
    const text =
      withLine('name_first_path', "nameFirstPath: '$.given_name'").replace('basic_auth:', 'basicAuth:') + "\nicon: 'pocket.svg'\n"
    const v = verdict(text)
    expect(v.ok).toBe(true)
    expect(v.preset).toMatchObject({ name_first_path: '$.given_name', basic_auth: false })
    expect(Object.keys(v.preset!)).not.toContain('icon')
    expect(Object.keys(v.preset!)).not.toContain('nameFirstPath')
  })

  it('reads an unquoted date as text: js-yaml 5 has no timestamp type', () => {
    expect(verdict(withLine('name', 'name: 2024-01-31')).preset).toMatchObject({ name: '2024-01-31' })
  })

  it('refuses a tag js-yaml does not know', () => {
    expect(verdict(withLine('name', 'name: !custom Pocket')).errors.join('\n')).toMatch(/line 1.*unknown (scalar )?tag/)
  })

  it('trims the text first: a YAML file indented as a whole, a JSON file after blank lines', () => {
    expect(verdict(`\n\n   ${BASE}`).ok).toBe(true)
    expect(verdict(`\n \n${JSON_BASE}\n\n`).ok).toBe(true)
  })

  it('refuses a scope over 64 characters: the Import’s create answers 500 (varchar(64))', () => {
    const long = `https://graph.example.com/${'a'.repeat(39)}`
    const v = verdict(BASE.replace("  - 'profile'", `  - 'profile'\n  - '${long}'`))
    expect(v.ok).toBe(false)
    expect(v.errors).toEqual([expect.stringMatching(/"scopes".*entry 4 .*has 65 characters.*500/)])
  })

  it('every library preset and every community fixture passes', () => {
    const root = join(__dirname, '..', '..')
    for (const dir of [join(root, 'presets'), join(root, 'test', 'fixtures', 'community-presets')]) {
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.yml'))) {
        expect(verdict(readFileSync(join(dir, f), 'utf8')).errors, f).toEqual([])
      }
    }
  })
})
