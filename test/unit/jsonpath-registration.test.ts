import { describe, expect, it } from 'vitest'
import { checkEmail } from '../../src/core/registration/email'
import { prepareDocument, previewRegistration, withLegacyLines } from '../../src/core/registration/preview'
import type { PreviewPaths } from '../../src/core/registration/preview'
import { checkUserField } from '../../src/core/registration/rules'
import { communityPreset, userinfoText } from '../support/userinfo-fixtures'

// docs/panel-behaviour.md#registration: what the first login of an unlinked user does.

const OIDC: PreviewPaths = {
  identifier_path: '$.sub',
  email_path: '$.email',
  username_path: '$.preferred_username',
  name_first_path: '$.given_name',
  name_last_path: '$.family_name'
}
const user = (over: Record<string, unknown> = {}): string =>
  JSON.stringify({
    sub: 'a1b2',
    email: 'jane@example.com',
    preferred_username: 'jdoe',
    given_name: 'Jane',
    family_name: 'Doe',
    nickname: 'jane_doe',
    ...over
  })
const preview = (doc: string, paths: Partial<PreviewPaths> = {}, loginOnly = false) =>
  previewRegistration(prepareDocument(doc), { ...OIDC, ...paths }, { login_only: loginOnly })

describe('a document that works', () => {
  it('creates the account with the five extracted values', () => {
    const p = preview(user())
    expect(p.outcome).toBe('creates-account')
    expect(p.registration_ok).toBe(true)
    expect(p.fields!.username.panelValue).toBe('jdoe')
    expect(p.problems.filter((x) => x.severity !== 'info')).toEqual([])
  })
})

describe('username refused: 3–15 of [a-zA-Z0-9_]', () => {
  it.each(['jane.doe', 'Jane Doe', 'jane@example.com', 'jane-doe', 'jöhn'])('%s', (name) => {
    const p = preview(user({ preferred_username: name }))
    expect(p.outcome).toBe('fails')
    expect(p.panelResponse).toContain('username: does not match pattern /^[a-zA-Z0-9_]+$/')
    // The fix uses another claim of this document that fits, and shows what it stores.
    expect(p.suggestions).toContainEqual(expect.objectContaining({ field: 'username', path: '$.nickname', value: 'jane_doe' }))
    expect(p.suggestions).toContainEqual(expect.objectContaining({ field: 'username', path: null }))
  })

  it('too short', () => {
    const p = preview(user({ preferred_username: 'jd' }))
    expect(JSON.parse(p.panelResponse!)).toEqual({ errors: ['username: length is lower than 3'] })
  })

  it('empty: both rules fail', () => {
    expect(checkUserField('username', '').map((f) => f.panelMessage)).toEqual([
      'username: length is lower than 3',
      'username: does not match pattern /^[a-zA-Z0-9_]+$/'
    ])
  })

  it('too long is not a refusal: the panel cuts it to 15 bytes first', () => {
    const p = preview(user({ preferred_username: 'averyveryverylongname' }))
    expect(p.fields!.username.panelValue).toBe('averyveryverylo')
    expect(p.outcome).toBe('creates-account')
    expect(p.problems.map((x) => x.code)).toContain('value.truncated')
  })

  it('a JSON null username registers once as “null”, then collides', () => {
    const p = preview(user({ preferred_username: null }))
    expect(p.fields!.username.panelValue).toBe('null')
    expect(p.problems.map((x) => x.code)).toContain('username.null')
  })
})

describe('e-mail refused', () => {
  it('JSON null becomes the text null, which is not an address', () => {
    const p = preview(user({ email: null }))
    expect(p.outcome).toBe('fails')
    expect(JSON.parse(p.panelResponse!)).toEqual({ errors: ['email: not a valid email: value is missing `@`'] })
    expect(p.suggestions).toContainEqual(
      expect.objectContaining({ field: 'email', path: null, value: expect.stringMatching(/@oauth\.c7s\.rs$/) })
    )
  })

  it('another claim holding an address is offered', () => {
    const p = preview(user({ email: 'not-an-email', mail: 'jane@corp.example' }))
    expect(p.suggestions).toContainEqual(expect.objectContaining({ field: 'email', path: '$.mail', value: 'jane@corp.example' }))
  })

  it.each([
    ['jane@example.com', null],
    ['abc@bar', null],
    ['email@[127.0.0.1]', null],
    ['email@[2001:dB8::1]', null],
    ['email@[::fffF:127.0.0.1]', null],
    ['jane@bücher.example', null],
    ['test@domain.with.idn.tld.उदाहरण.परीक्षा', null],
    ['', 'empty'],
    ['null', 'missing-at'],
    ['a @x.cz', 'invalid-user'],
    ['"test@test"@example.com', 'invalid-user'],
    [`${'a'.repeat(65)}@mail.com`, 'user-length'],
    ['abc@', 'invalid-domain'],
    ['something@@somewhere.com', 'invalid-domain'],
    ['John.Doe@exam_ple.com', 'invalid-domain'],
    ['trailingdot@shouldfail.com.', 'invalid-domain'],
    ['email@[127.0.0.256]', 'invalid-domain'],
    ['email@[2001:db8:0:0:0:0:1]', 'invalid-domain'],
    ['a@b.com\n', 'invalid-domain']
  ])('garde’s email rule: %j → %s', (email, reason) => {
    expect(checkEmail(email)).toBe(reason)
  })
})

describe('names refused when empty', () => {
  it.each(['given_name', 'family_name'])('%s = ""', (claim) => {
    const p = preview(user({ [claim]: '' }))
    expect(p.outcome).toBe('fails')
    const field = claim === 'given_name' ? 'name_first' : 'name_last'
    expect(p.panelResponse).toContain(`${field}: length is lower than 1`)
    expect(p.suggestions).toContainEqual(expect.objectContaining({ field, path: null, value: field === 'name_first' ? 'First' : 'Last' }))
  })
})

describe('values that cannot be extracted', () => {
  it('missing identifier: every login fails; an id claim present is offered', () => {
    const p = preview(JSON.stringify({ id: 42, email: 'a@b.io' }), { identifier_path: '$.sub' })
    expect(p.outcome).toBe('login-fails')
    expect(p.panelResponse).toBe('unable to extract identifier from <userinfo>')
    expect(p.suggestions).toContainEqual(expect.objectContaining({ field: 'identifier', path: '$.id', value: '42' }))
  })

  it('missing username is reported before e-mail, as the panel extracts in that order', () => {
    const doc = JSON.stringify({ sub: '1', given_name: 'J', family_name: 'D' })
    const p = preview(doc)
    expect(p.outcome).toBe('fails')
    expect(p.panelResponse).toBe('unable to extract username from <userinfo>')
  })

  it('an unreadable document fails every login', () => {
    const p = preview('{"sub": 1e999}')
    expect(p.outcome).toBe('login-fails')
    // serde_json reports the end of the number literal (the panel's own message).
    expect(p.problems[0]!.message).toMatch(/number out of range at line 1 column 13/)
    expect(p.panelResponse).toMatch(/internal server error/)
  })

  it('an invalid path is refused on save', () => {
    const p = preview(user(), { email_path: 'email' })
    expect(p.fields!.email.valid).toBe(false)
    expect(p.problems.map((x) => x.code)).toEqual(['path.invalid'])
    // The legacy-evaluator line comes separately (after the keystroke's answer).
    const doc = prepareDocument(user())
    const withLegacy = withLegacyLines(doc, previewRegistration(doc, { ...OIDC, email_path: 'email' }))
    expect(withLegacy.problems.map((x) => x.code)).toEqual(expect.arrayContaining(['path.invalid', 'legacy.differs']))
  })
})

describe('identifier stability', () => {
  it.each(['$.email', '$.preferred_username'])('%s as identifier while sub exists is flagged', (path) => {
    const p = preview(user(), { identifier_path: path })
    expect(p.problems).toContainEqual(expect.objectContaining({ code: 'identifier.unstable', severity: 'warning' }))
    expect(p.suggestions).toContainEqual(expect.objectContaining({ field: 'identifier', path: '$.sub', value: 'a1b2' }))
  })
  it('sub is not flagged', () => {
    expect(preview(user()).problems.map((x) => x.code)).not.toContain('identifier.unstable')
  })
})

describe('login_only', () => {
  it('without user linking nobody can use the provider until an admin links accounts', () => {
    const p = previewRegistration(prepareDocument(user()), OIDC, { login_only: true, user_manageable: false })
    expect(p.problems).toContainEqual(expect.objectContaining({ code: 'registration.no-linking', severity: 'warning' }))
  })

  it('no account is created, whatever the values', () => {
    const p = preview(user({ preferred_username: 'Jane Doe' }), {}, true)
    expect(p.outcome).toBe('disabled')
    expect(p.registration_ok).toBe(false)
    expect(p.panelResponse).toBeNull()
  })
})

describe('the five community presets against their providers’ real userinfo shapes', () => {
  const run = (name: Parameters<typeof communityPreset>[0]) => {
    const preset = communityPreset(name)
    return previewRegistration(prepareDocument(userinfoText(name)), preset, { login_only: preset.login_only })
  }

  it('Pocket-ID: creates the account', () => {
    const p = run('pocket-id')
    expect(p.outcome).toBe('creates-account')
    expect(p.fields!.identifier.panelValue).toBe('4b9a3f8e-6c1d-4e2a-9f7b-2d5c8e1a0b34')
    expect(p.fields!.username.panelValue).toBe('jdoe')
  })

  it('Authentik: no family_name claim by default, so registration fails; leaving the last name empty fixes it', () => {
    const p = run('authentik')
    expect(p.outcome).toBe('fails')
    expect(p.panelResponse).toBe('unable to extract last name from <userinfo>')
    expect(p.fields!.name_first.panelValue).toBe('Jane Doe')
    expect(p.suggestions).toContainEqual(expect.objectContaining({ field: 'name_last', path: null, value: 'Last' }))
  })

  it('Google: no username path, the panel generates one', () => {
    const p = run('google')
    expect(p.outcome).toBe('creates-account')
    expect(p.fields!.username.outcome).toBe('generated')
    expect(p.fields!.identifier.panelValue).toBe('110169484474386276334')
  })

  it('GitHub: $.name as username is flagged, $.login is offered', () => {
    const p = run('github')
    expect(p.outcome).toBe('fails')
    expect(p.fields!.username.panelValue).toBe('The Octocat')
    expect(p.problems).toContainEqual(expect.objectContaining({ field: 'username', code: 'rule.username', severity: 'error' }))
    expect(p.suggestions[0]).toEqual(expect.objectContaining({ field: 'username', path: '$.login', value: 'octocat' }))
    // GitHub's numeric id is stored as its JSON text.
    expect(p.fields!.identifier.panelValue).toBe('583231')
  })

  it('Discord: login only, values still extracted for linking', () => {
    const p = run('discord')
    expect(p.outcome).toBe('disabled')
    expect(p.fields!.identifier.panelValue).toBe('80351110224678912')
    expect(p.fields!.username.panelValue).toBe('nelly')
    expect(p.fields!.name_first.outcome).toBe('generated')
  })
})
