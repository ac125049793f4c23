import type { ExtractField } from '../jsonpath/extract'
import { checkEmail, INVALID_EMAIL_TEXT } from './email'
import { charCount } from '../provider/rules'

/**
 * The panel's validation of a new user (docs/panel-behaviour.md#registration): garde rules on
 * `CreateUserOptions` (shared/src/models/user/mod.rs), checked by `User::create` at the
 * first OAuth login. Messages are the panel's own (`<field>: <garde message>`), which
 * is what the browser shows in the 400 answer `{"errors": [...]}`. Browser-safe.
 */
export interface RuleFailure {
  /** The user field (`username`, `email`, `name_first`, `name_last`). */
  field: Exclude<ExtractField, 'identifier'>
  /** The panel's message, e.g. `username: does not match pattern /^[a-zA-Z0-9_]+$/`. */
  panelMessage: string
  /** The same, said for the admin. */
  message: string
}

const USERNAME_RE = /^[a-zA-Z0-9_]+$/

/** Every rule the panel's user creation applies to one extracted value (all at once, as garde reports them). */
export function checkUserField(field: Exclude<ExtractField, 'identifier'>, value: string): RuleFailure[] {
  const out: RuleFailure[] = []
  const shown = JSON.stringify(value)
  switch (field) {
    case 'username': {
      const n = charCount(value)
      if (n < 3)
        out.push({
          field,
          panelMessage: 'username: length is lower than 3',
          message: `The username ${shown} is shorter than 3 characters.`
        })
      if (n > 15)
        out.push({
          field,
          panelMessage: 'username: length is greater than 15',
          message: `The username ${shown} is longer than 15 characters.`
        })
      if (!USERNAME_RE.test(value)) {
        const bad = [...new Set([...value].filter((c) => !/[a-zA-Z0-9_]/.test(c)))].map((c) => (c === ' ' ? 'space' : `“${c}”`))
        out.push({
          field,
          panelMessage: 'username: does not match pattern /^[a-zA-Z0-9_]+$/',
          message:
            value === ''
              ? 'The username is empty; it must be 3–15 letters, digits or underscores.'
              : `The username ${shown} contains ${bad.join(', ')}; only letters A–Z, digits and “_” are allowed (3–15 of them).`
        })
      }
      return out
    }
    case 'email': {
      const reason = checkEmail(value)
      if (reason) {
        out.push({
          field,
          panelMessage: `email: not a valid email: ${INVALID_EMAIL_TEXT[reason]}`,
          message:
            value === 'null'
              ? 'The e-mail is JSON null, stored as the text “null”, which is not an e-mail address.'
              : `The e-mail ${shown} is not a valid address (${INVALID_EMAIL_TEXT[reason]}).`
        })
      }
      // length(max = 255) in bytes can't fail: extraction already cut the value to 255 bytes.
      return out
    }
    case 'name_first':
    case 'name_last': {
      const label = field === 'name_first' ? 'first name' : 'last name'
      if (value === '')
        out.push({
          field,
          panelMessage: `${field}: length is lower than 1`,
          message: `The ${label} is empty; the panel requires at least one character.`
        })
      return out
    }
  }
}
