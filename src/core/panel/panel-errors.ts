import { AppError, type Evidence } from '../../shared/errors'
import { PROVIDER_KEYS } from '../../shared/provider'
import { evidenceOf, type HttpResponse } from '../net/http'
import { redact } from '../redaction/redact'

/**
 * Turning the panel's answers into errors an admin can act on. The panel answers every
 * failure with `{"errors": ["…"]}` (docs/panel-behaviour.md#admin-api); which message tells us which
 * case it is, and the status alone does not (401 is used for a malformed header, an
 * unknown key and a non-admin user alike).
 */

/** The panel's admin GETs return client secrets in clear: redacted like every other secret. */
export function redactSecrets(text: string): string {
  return redact(text)
}

/** Evidence of a panel response, with secrets redacted. */
export function panelEvidence(res: HttpResponse, method: string): Evidence {
  return evidenceOf(res, method)
}

/**
 * The messages of a `{"errors": [...]}` body, or null when the body is not one.
 *
 * The panel wraps model validation failures twice: `ApiResponse::from(DatabaseError::
 * Validation)` serializes `{"errors": [...]}` to a string and sends that string as the
 * single message of another `{"errors": [...]}` (shared/src/response.rs,
 * `extract_readable_error`). Both shapes are unwrapped here.
 */
export function parseErrorMessages(bodyText: string): string[] | null {
  let body: unknown
  try {
    body = JSON.parse(bodyText)
  } catch {
    return null
  }
  const list = (v: unknown): string[] | null =>
    v !== null &&
    typeof v === 'object' &&
    Array.isArray((v as { errors?: unknown }).errors) &&
    (v as { errors: unknown[] }).errors.every((e) => typeof e === 'string')
      ? (v as { errors: string[] }).errors
      : null
  const outer = list(body)
  if (!outer) return null
  const out: string[] = []
  for (const m of outer) {
    const t = m.trim()
    if (t.startsWith('{')) {
      try {
        const inner = list(JSON.parse(t))
        if (inner) {
          out.push(...inner)
          continue
        }
      } catch {
        // not a nested body: keep the message as it is
      }
    }
    out.push(m)
  }
  return out
}

const FIELD_NAMES = new Set<string>(PROVIDER_KEYS)

/**
 * `"<field>: <message>"` (garde's report, flattened by the panel's
 * `flatten_validation_errors`) to a field of the provider record. Paths into a list
 * (`scopes[3]`, `scopes.3`) belong to the list's field.
 */
export function splitFieldMessage(message: string): { field?: string; message: string } {
  const m = /^([a-z_][a-z0-9_]*)(?:\[\d+\]|\.\d+)*:\s+(.*)$/s.exec(message)
  if (m && FIELD_NAMES.has(m[1]!)) return { field: m[1]!, message: m[2]! }
  return { message }
}

/**
 * garde's terse rule messages (`length is lower than 3`) in the words the wizard uses
 * for its own checks; anything else (the JSONPath parser's message) is kept as is.
 */
export function humanizeFieldMessage(field: string, message: string): string {
  const lower = /^length is lower than (\d+)$/.exec(message)
  if (lower) return `must be at least ${lower[1]} character${lower[1] === '1' ? '' : 's'} long`
  const greater = /^length is greater than (\d+)$/.exec(message)
  if (greater) return field === 'scopes' ? `must have at most ${greater[1]} entries` : `must be at most ${greater[1]} characters long`
  return message
}

/** Which admin permission a 403 names, if it does. */
function missingPermission(messages: string[]): string | null {
  for (const m of messages) {
    const hit = /permission to perform this action:\s*([\w.-]+)/.exec(m)
    if (hit) return hit[1]!
  }
  return null
}

/** The API key's own problems, told apart by the panel's message (backend/src/routes/api/client/mod.rs). */
function unauthorizedError(messages: string[], evidence: Evidence): AppError {
  const joined = messages.join('; ')
  if (messages.includes('invalid authorization header')) {
    return new AppError('panel.key-malformed', 'The panel refused the API key’s format (invalid authorization header).', {
      field: 'apiKey',
      hint: 'A Calagopus API key has exactly 48 characters. Copy it again from the panel (Account → API Keys) without spaces or line breaks.',
      evidence
    })
  }
  if (messages.includes('invalid api key')) {
    return new AppError('panel.key-refused', 'The panel does not know this API key (invalid api key).', {
      field: 'apiKey',
      hint: 'The key may have been deleted, or it belongs to another panel. Create a key in this panel under Account → API Keys.',
      evidence
    })
  }
  if (messages.includes('unauthorized')) {
    return new AppError('panel.not-admin', 'The API key works, but its owner is not an administrator of this panel.', {
      field: 'apiKey',
      hint: 'Use a key of an admin account, or of an account whose role has the oauth-providers admin permissions.',
      evidence
    })
  }
  return new AppError('panel.key-refused', `The panel refused the API key: ${joined || 'HTTP 401'}.`, { field: 'apiKey', evidence })
}

function forbiddenError(messages: string[], evidence: Evidence): AppError {
  const perm = missingPermission(messages)
  if (perm) {
    return new AppError('panel.permission', `The API key lacks the admin permission “${perm}”.`, {
      field: 'apiKey',
      hint: `Give the key (and its owner’s role) the permissions oauth-providers.read, oauth-providers.create and oauth-providers.update, or create a new key with them (Account → API Keys).`,
      evidence: { ...evidence, details: { permission: perm } }
    })
  }
  const joined = messages.join('; ')
  if (/two-factor authentication required/.test(joined)) {
    return new AppError(
      'panel.permission',
      'The panel requires two-factor authentication for this account before its API keys can be used.',
      {
        field: 'apiKey',
        hint: 'Enable two-factor authentication on the key owner’s account, then retry.',
        evidence
      }
    )
  }
  if (/ip address not allowed/.test(joined)) {
    return new AppError('panel.permission', 'This API key may not be used from this computer’s IP address.', {
      field: 'apiKey',
      hint: 'Add this computer’s address to the key’s allowed IPs in the panel, or use another key.',
      evidence
    })
  }
  return new AppError('panel.permission', `The panel refused the request: ${joined || 'HTTP 403'}.`, { field: 'apiKey', evidence })
}

/**
 * Any non-2xx answer of the panel's admin API to an AppError. `what` says what we were
 * doing ("listing the OAuth providers", "creating the provider").
 */
export function panelHttpError(res: HttpResponse, method: string, what: string): AppError {
  const evidence = panelEvidence(res, method)
  const messages = parseErrorMessages(res.bodyText)
  if (messages === null) {
    return new AppError('panel.unexpected', `The panel answered HTTP ${res.status} while ${what}, without its usual error body.`, {
      hint: 'A proxy in front of the panel may have answered instead. Check the panel address and its logs.',
      evidence
    })
  }
  switch (res.status) {
    case 401:
      return unauthorizedError(messages, evidence)
    case 403:
      return forbiddenError(messages, evidence)
    case 404:
      return new AppError('panel.not-found', `The panel answered “${messages.join('; ')}” while ${what}.`, {
        hint: 'The provider may have been deleted in the panel meanwhile; check the connection again to reload it.',
        evidence
      })
    case 409:
      return new AppError('panel.name-conflict', 'The panel already has an OAuth provider with this name.', {
        field: 'name',
        hint: 'Choose another name, or update the existing provider instead.',
        problems: [{ field: 'name', message: messages[0] ?? 'oauth provider with name already exists' }],
        evidence
      })
    case 429:
      return new AppError('panel.rate-limited', `The panel rate-limited the request (${messages.join('; ')}).`, {
        hint: 'Wait the time it says, then retry.',
        evidence
      })
    case 400: {
      if (messages.some((m) => m.startsWith('invalid payload'))) {
        return new AppError('panel.invalid-payload', `The panel could not read the request while ${what}: ${messages.join('; ')}.`, {
          hint: 'This panel version may expect different fields than this assistant knows; check that both are up to date.',
          evidence
        })
      }
      const problems = messages.map((m) => {
        const p = splitFieldMessage(m)
        return p.field ? { field: p.field, message: humanizeFieldMessage(p.field, p.message) } : p
      })
      return new AppError('panel.validation', `The panel refused the provider: ${messages.join('; ')}.`, {
        ...(problems[0]?.field && problems.every((p) => p.field === problems[0]!.field) ? { field: problems[0]!.field } : {}),
        problems,
        hint: 'Correct the fields shown and push again.',
        evidence
      })
    }
    default:
      return new AppError('panel.server-error', `The panel failed while ${what} (HTTP ${res.status}: ${messages.join('; ')}).`, {
        hint: 'Check the panel’s logs; retry once the panel is healthy.',
        evidence
      })
  }
}
