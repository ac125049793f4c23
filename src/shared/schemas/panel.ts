import { z } from 'zod'
import { MappingCountsSchema, MappingListSchema, MappingPlanSchema } from './mappings'
import { ERROR_CODES } from '../errors'
import { ProviderConfigSchema } from './provider'

/**
 * Contract schemas of the push to the panel (`panel:*`). No output here has a field
 * that could carry a secret: the API key and the client secret go in (write-only) and
 * never come back; the client secret appears in plans only as changed/unchanged.
 */

const panelUrl = z.string().min(1, 'Enter the panel’s address')
const timeoutMs = z.number().int().min(100).max(120_000).optional()
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Not a provider uuid')

export const PanelSetApiKeyInputSchema = z.object({
  panelUrl,
  /** The key as typed (write-only); null forgets the stored key. */
  apiKey: z.string().nullable()
})
export const PanelApiKeyStateSchema = z.object({
  /** The normalized panel address the key is stored for. */
  panel_url: z.string(),
  api_key_set: z.boolean()
})

export const PanelCheckInputSchema = z.object({ panelUrl, timeoutMs })
export const PanelCheckResultSchema = z.object({
  panel_url: z.string(),
  app_url: z.string(),
  app_name: z.string(),
  provider_count: z.number(),
  warnings: z.array(z.string())
})

export const PanelPlanInputSchema = z.object({
  panelUrl,
  /** The draft whose client secret is in the vault (`client-secret/<draftId>`). */
  draftId: z.string().min(1),
  config: ProviderConfigSchema,
  /** `auto`: update the provider with the same name or create; `create`: a same-named one is a conflict; `update`: the provider `uuid`. */
  mode: z.enum(['auto', 'create', 'update']).default('auto'),
  uuid: uuid.optional(),
  timeoutMs,
  /** The draft's mappings in created order; absent: the push leaves the panel's mappings alone. */
  mappings: MappingListSchema.optional()
})

export const FieldChangeSchema = z.object({
  field: z.string(),
  label: z.string(),
  kind: z.enum(['set', 'changed', 'cleared']),
  /** The client secret: shown as changed/unchanged only, never a value. */
  secret: z.boolean(),
  before: z.unknown().optional(),
  after: z.unknown().optional()
})
export type FieldChange = z.infer<typeof FieldChangeSchema>

export const PanelPlanSchema = z.object({
  action: z.enum(['create', 'update', 'unchanged', 'conflict']),
  uuid: z.string().nullable(),
  name: z.string(),
  changes: z.array(FieldChangeSchema),
  /** Exactly what will be sent, the client secret masked. */
  preview: z.object({ method: z.enum(['POST', 'PATCH']), path: z.string(), body: z.record(z.string(), z.unknown()) }).nullable(),
  /** Pass it back to `panel:push`: nothing is sent if the panel changed since. */
  fingerprint: z.string(),
  conflict: z.object({ uuid: z.string(), name: z.string() }).nullable(),
  warnings: z.array(z.string()),
  app_url: z.string(),
  app_name: z.string(),
  redirect_url: z.string().nullable(),
  /** The mapping writes (shown first); null when mappings are left alone. */
  mappings: MappingPlanSchema.nullable().default(null)
})

export const PanelPushInputSchema = PanelPlanInputSchema.extend({
  /** The fingerprint of the plan the admin confirmed. */
  fingerprint: z.string().min(1)
})
export const PanelPushResultSchema = z.object({
  action: z.enum(['created', 'updated', 'unchanged']),
  uuid: z.string(),
  name: z.string(),
  app_url: z.string(),
  redirect_url: z.string(),
  sent_fields: z.array(z.string()),
  problems: z.array(z.string()),
  warnings: z.array(z.string()),
  mappings: MappingCountsSchema.nullable().default(null)
})
export type PanelPushResult = z.infer<typeof PanelPushResultSchema>

/** Input of `panel:verify-login`: check the login of a provider already on the panel again. */
export const PanelVerifyLoginInputSchema = z.object({
  panelUrl,
  uuid,
  config: ProviderConfigSchema,
  /** The panel's app.url (from the check); read again when absent. */
  appUrl: z.string().optional(),
  timeoutMs
})
export const VerifyCheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  expected: z.string().nullable(),
  got: z.string().nullable(),
  message: z.string().optional()
})
export const PanelVerifyResultSchema = z.object({
  ok: z.boolean(),
  status: z.number(),
  redirect_url: z.string(),
  authorization_url: z.string().nullable(),
  checks: z.array(VerifyCheckSchema),
  problems: z.array(z.string())
})

export const PanelPreflightResultSchema = z.object({
  outcome: z.enum(['login-page', 'provider-error', 'redirected-back', 'inconclusive']),
  ok: z.boolean().nullable(),
  field: z.enum(['redirect_uri', 'client_id', 'scopes', 'response_type']).nullable(),
  error: z.string().nullable(),
  error_description: z.string().nullable(),
  message: z.string(),
  hint: z.string().optional(),
  status: z.number(),
  final_url: z.string(),
  page_title: z.string().nullable(),
  hops: z.number()
})

export const PanelOpenLoginInputSchema = z.object({
  /** The panel's app.url: the login must start on the host the provider returns to. */
  appUrl: z.string().url(),
  uuid
})
export const PanelOpenLoginResultSchema = z.object({ url: z.string(), opened: z.boolean() })

/**
 * The panel's login-redirect rate limit as far as the assistant can tell. The panel
 * sends `X-RateLimit-Remaining` only with its 429; otherwise `tries_left` is an upper
 * bound from the redirects this process asked for (a real login from the same address
 * spends tries too). docs/panel-behaviour.md#rate-limits
 */
export const PanelRateLimitSchema = z.object({
  /** Redirects the panel lets through per provider, per IP, per window. */
  limit: z.number().int(),
  window_seconds: z.number().int(),
  tries_left: z.number().int().nullable(),
  /** `panel`: read from X-RateLimit-Remaining; `estimate`: counted by the assistant. */
  source: z.enum(['panel', 'estimate']),
  retry_after_seconds: z.number().int().nullable()
})
export type PanelRateLimit = z.infer<typeof PanelRateLimitSchema>

/**
 * The verification after a push: one login-redirect request to the panel, then the
 * provider-side preflight when the redirect matched. `skipped-disabled`: a disabled
 * provider has no login on the panel, so it was pushed and not verified; that is not a
 * problem (the CLI exits 0 and the GUI shows a note, not a failure).
 */
export const PanelLoginVerificationSchema = z.object({
  status: z.enum(['verified', 'mismatch', 'skipped-disabled', 'rate-limited', 'panel-error']),
  verified: z.boolean(),
  redirect: PanelVerifyResultSchema.nullable(),
  preflight: PanelPreflightResultSchema.nullable(),
  /** The preflight could not run (the provider unreachable…): told apart from a refusal. */
  preflight_error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), hint: z.string().optional() }).nullable(),
  rate_limit: PanelRateLimitSchema.nullable(),
  /** What fails the verification (the CLI's exit 1). */
  problems: z.array(z.string()),
  /** Said to the admin, not failures (a disabled provider, tries left, a preflight that could not run). */
  notes: z.array(z.string()),
  /** How to try the real login through the panel without it failing for reasons of its own. */
  login_advice: z.array(z.string()),
  /** Where a browser starts the real login (on the app.url host), or null when there is none. */
  login_url: z.string().nullable()
})
export type PanelLoginVerification = z.infer<typeof PanelLoginVerificationSchema>

/**
 * `panel:push-and-verify`: the push result (the fields the CLI's `push --json` has always
 * printed first: uuid, action, redirect_url, verified, problems) plus the verification.
 */
export const PanelPushAndVerifyResultSchema = z.object({
  uuid: z.string(),
  action: PanelPushResultSchema.shape.action,
  redirect_url: z.string(),
  verified: z.boolean(),
  /** The push's own problems, then the verification's. */
  problems: z.array(z.string()),
  /** The push's own problems alone (what the panel stored differs from what was sent). */
  push_problems: z.array(z.string()),
  name: z.string(),
  app_url: z.string(),
  sent_fields: z.array(z.string()),
  warnings: z.array(z.string()),
  verification: PanelLoginVerificationSchema,
  /** What the push did to the provider's mappings; null when it left them alone. */
  mappings: MappingCountsSchema.nullable().default(null)
})
export type PanelPushAndVerifyResult = z.infer<typeof PanelPushAndVerifyResultSchema>
