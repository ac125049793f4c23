import { FIELD_LABELS, PROVIDER_KEYS, type ProviderConfig, type ProviderKey } from '../../shared/provider'
import type { AdminProvider } from './panel-client'

/** What stands in for the client secret wherever a request is shown. */
export const SECRET_MASK = '••••••••'

/** One field of a plan: what the panel has (update) and what will be sent. */
export interface FieldChange {
  field: ProviderKey
  label: string
  /** `set`: new provider; `changed`: differs from the panel; `cleared`: an optional value set to null. */
  kind: 'set' | 'changed' | 'cleared'
  /** For the client secret only the fact is shown, never a value. */
  secret: boolean
  before?: unknown
  after?: unknown
}

/** Fields that PATCH can clear with `null` (serde double_option in UpdateOAuthProviderOptions). */
const NULLABLE: ReadonlySet<ProviderKey> = new Set(['description', 'email_path', 'username_path', 'name_first_path', 'name_last_path'])

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    // Order matters: the panel joins scopes in their stored order.
    return a.length === b.length && a.every((v, i) => v === b[i])
  }
  return a === b
}

/** The POST body: every field of the provider record (docs/panel-behaviour.md#provider-record), in the panel's key order, the secret included. */
export function createBody(config: ProviderConfig, clientSecret: string): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const k of PROVIDER_KEYS) body[k] = k === 'client_secret' ? clientSecret : config[k]
  return body
}

/** Every field of a new provider as a `set` change (the secret masked). */
export function createChanges(config: ProviderConfig): FieldChange[] {
  return PROVIDER_KEYS.map((k) =>
    k === 'client_secret'
      ? { field: k, label: FIELD_LABELS[k], kind: 'set' as const, secret: true }
      : { field: k, label: FIELD_LABELS[k], kind: 'set' as const, secret: false, after: config[k] }
  )
}

/**
 * Field-by-field difference between the panel's record and the draft, and the PATCH
 * body that applies it: only differing fields; `null` where an optional value is
 * cleared. The secret is compared in the core (the admin GET returns it in clear) and
 * reported as changed/unchanged only; with no secret given, the panel's is kept.
 */
export function diffProvider(
  existing: AdminProvider,
  desired: ProviderConfig,
  clientSecret: string | null
): { changes: FieldChange[]; patch: Record<string, unknown> } {
  const changes: FieldChange[] = []
  const patch: Record<string, unknown> = {}
  for (const k of PROVIDER_KEYS) {
    if (k === 'client_secret') {
      // A panel that does not return the secret can't be compared with: send it.
      if (clientSecret !== null && clientSecret !== (existing.client_secret ?? null)) {
        changes.push({ field: k, label: FIELD_LABELS[k], kind: 'changed', secret: true })
        patch[k] = clientSecret
      }
      continue
    }
    const before = existing[k]
    const after = desired[k]
    if (sameValue(before, after)) continue
    const kind = after === null && NULLABLE.has(k) ? 'cleared' : 'changed'
    changes.push({ field: k, label: FIELD_LABELS[k], kind, secret: false, before, after })
    patch[k] = after
  }
  return { changes, patch }
}

/** A request body as it may be shown: the secret replaced by a mask. */
export function maskBody(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(body)) out[k] = k === 'client_secret' ? SECRET_MASK : v
  return out
}
