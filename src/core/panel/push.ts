import { createHash } from 'node:crypto'
import { AppError } from '../../shared/errors'
import { FIELD_LABELS, type ProviderConfig, type ProviderKey } from '../../shared/provider'
import type { MappingEntry } from '../../shared/mappings'
import type { MappingCounts, MappingPlan } from '../../shared/schemas/mappings'
import { planMappingPush, pushMappings } from '../mappings/push-mappings'
import { checkProviderRules } from '../provider/rules'
import type { CallOptions } from './connection-check'
import { PanelClient, type AdminProvider } from './panel-client'
import { createBody, createChanges, diffProvider, maskBody, type FieldChange } from './provider-diff'
import { appUrlWarnings, panelUrlWarnings, redirectUrlFor, type PanelBase } from './panel-url'

export type PushMode =
  /** Update the provider with the same name, or create one. */
  | 'auto'
  /** Create; a provider with the same name is a conflict (offer rename or update). */
  | 'create'
  /** Update the provider `uuid`. */
  | 'update'

export interface PushInput extends CallOptions {
  panel: PanelBase
  apiKey: string
  config: ProviderConfig
  /** From the vault (app) or the environment (CLI); null: keep the panel's on update. */
  clientSecret: string | null
  mode?: PushMode
  uuid?: string
  /** The draft's mappings (created order); undefined leaves the panel's mappings alone. */
  mappings?: MappingEntry[]
}

export interface PlannedRequest {
  method: 'POST' | 'PATCH'
  path: string
  body: Record<string, unknown>
}

export interface Plan {
  action: 'create' | 'update' | 'unchanged' | 'conflict'
  uuid: string | null
  name: string
  changes: FieldChange[]
  /** What will be sent, secret masked: the confirmation shows exactly this. */
  preview: PlannedRequest | null
  /** Identifies this plan; the push refuses to send if the panel changed since. */
  fingerprint: string
  /** The provider that already has this name, when creating. */
  conflict: { uuid: string; name: string } | null
  warnings: string[]
  app_url: string
  app_name: string
  redirect_url: string | null
  /** The mapping writes, shown before the provider's; null when the push leaves mappings alone. */
  mappings: MappingPlan | null
}

/** A plan plus its real request (secret in clear): never leaves the core. */
interface PlanWithRequest {
  plan: Plan
  request: PlannedRequest | null
}

export interface PushResult {
  action: 'created' | 'updated' | 'unchanged'
  uuid: string
  name: string
  app_url: string
  redirect_url: string
  /** Fields the request carried (names only). */
  sent_fields: string[]
  /** Differences between what we meant to store and what the panel now returns. */
  problems: string[]
  warnings: string[]
  /** null when the push left mappings alone. */
  mappings: MappingCounts | null
}

/** Local check with the panel's own rules (mode 'create'); errors stop everything before the network. */
function validateLocally(config: ProviderConfig, clientSecret: string | null): string[] {
  // Without a secret (an update keeping the panel's), its length is not ours to judge.
  const problems = checkProviderRules(config, { mode: 'create', clientSecret: clientSecret ?? 'kept' })
  const errors = problems.filter((p) => p.severity === 'error')
  if (errors.length > 0) {
    throw new AppError(
      'panel.invalid-config',
      `The provider would be refused by the panel: ${errors.map((e) => `${FIELD_LABELS[e.field as ProviderKey] ?? e.field} ${e.message}`).join('; ')}.`,
      {
        hint: 'Correct the fields shown; nothing was sent to the panel.',
        problems: errors.map((e) => ({ field: e.field, message: e.message })),
        ...(errors.length === 1 ? { field: errors[0]!.field } : {})
      }
    )
  }
  return problems.filter((p) => p.severity === 'warning').map((p) => `${FIELD_LABELS[p.field as ProviderKey] ?? p.field} ${p.message}.`)
}

function fingerprintOf(plan: Omit<Plan, 'fingerprint'>): string {
  const h = createHash('sha256')
  // What will be sent and what it replaces: an edit made in the panel meanwhile, even to
  // a field we would overwrite anyway, makes the admin look again.
  h.update(JSON.stringify({ a: plan.action, u: plan.uuid, p: plan.preview, c: plan.conflict, d: plan.changes, m: plan.mappings?.ops }))
  return h.digest('hex').slice(0, 32)
}

async function buildPlan(input: PushInput): Promise<PanelWithPlan> {
  const ruleWarnings = validateLocally(input.config, input.clientSecret)
  const client = new PanelClient({ panel: input.panel, apiKey: input.apiKey, timeoutMs: input.timeoutMs, signal: input.signal })
  const settings = await client.getSettings()
  const mode = input.mode ?? 'auto'
  const name = input.config.name
  const warnings = [...panelUrlWarnings(input.panel), ...appUrlWarnings(input.panel, settings.app_url), ...ruleWarnings]

  let existing: AdminProvider | null = null
  let conflict: Plan['conflict'] = null
  if (mode === 'update') {
    if (!input.uuid) throw new AppError('panel.usage', 'Updating needs the uuid of the provider to update.')
    existing = await client.getProvider(input.uuid)
    if (existing.name !== name) {
      const { exact } = await client.findByName(name)
      if (exact && exact.uuid !== existing.uuid) conflict = { uuid: exact.uuid, name: exact.name }
    }
  } else {
    const { exact, similar } = await client.findByName(name)
    for (const s of similar) {
      warnings.push(
        `The panel also has a provider named “${s.name}”; names differ by case only, which is easy to confuse on the login page.`
      )
    }
    if (exact && mode === 'create') conflict = { uuid: exact.uuid, name: exact.name }
    else existing = exact
  }

  const base = { name, app_url: settings.app_url, app_name: settings.app_name }
  let action: Plan['action']
  let changes: FieldChange[] = []
  let request: PlannedRequest | null = null
  let uuid: string | null = null
  if (conflict) {
    action = 'conflict'
    uuid = mode === 'update' ? (existing?.uuid ?? null) : null
  } else if (existing) {
    uuid = existing.uuid
    const d = diffProvider(existing, input.config, input.clientSecret)
    changes = d.changes
    action = changes.length === 0 ? 'unchanged' : 'update'
    if (action === 'update') request = { method: 'PATCH', path: `/api/admin/oauth-providers/${existing.uuid}`, body: d.patch }
    if (input.clientSecret === null) warnings.push('No client secret is set here: the panel keeps the one it has.')
  } else {
    if (input.clientSecret === null) {
      throw new AppError('panel.invalid-config', 'A new provider needs its client secret, and none is set.', {
        field: 'client_secret',
        problems: [{ field: 'client_secret', message: 'is not set' }],
        hint: 'Enter the client secret from the provider’s application settings; nothing was sent to the panel.'
      })
    }
    action = 'create'
    changes = createChanges(input.config)
    request = { method: 'POST', path: '/api/admin/oauth-providers', body: createBody(input.config, input.clientSecret) }
  }
  const preview = request ? { ...request, body: maskBody(request.body) } : null
  const mappings =
    input.mappings === undefined || action === 'conflict' ? null : await planMappingPush(mappingTarget(input), uuid, input.mappings)
  if (mappings) warnings.push(...mappings.warnings)
  const partial: Omit<Plan, 'fingerprint'> = {
    ...base,
    action,
    uuid,
    changes,
    preview,
    conflict,
    warnings,
    redirect_url: uuid ? redirectUrlFor(settings.app_url, uuid) : null,
    mappings
  }
  return { client, plan: { ...partial, fingerprint: fingerprintOf(partial) }, request }
}

interface PanelWithPlan extends PlanWithRequest {
  client: PanelClient
}

/**
 * What a push would do, without sending anything: reads app.url and the provider with
 * the same name (or `uuid`), diffs field by field. The result holds no secret.
 */
export async function planPush(input: PushInput): Promise<Plan> {
  return (await buildPlan(input)).plan
}

/**
 * Creates or updates the provider. The plan is computed again right before sending;
 * when `fingerprint` (of the plan the admin confirmed) no longer matches, nothing is
 * sent and `panel.plan-changed` says why. After the write, the panel's record is read
 * back and compared with the draft.
 */
export async function pushProvider(input: PushInput & { fingerprint?: string }): Promise<PushResult> {
  const { client, plan, request } = await buildPlan(input)
  if (input.fingerprint !== undefined && input.fingerprint !== plan.fingerprint) {
    throw new AppError('panel.plan-changed', 'The panel’s provider changed since you reviewed the plan; nothing was sent.', {
      hint: 'Review the new plan and confirm again.'
    })
  }
  if (plan.action === 'conflict') {
    throw new AppError('panel.name-conflict', `The panel already has an OAuth provider named “${plan.name}”.`, {
      field: 'name',
      hint: 'Choose another name, or update the existing provider instead.',
      problems: [{ field: 'name', message: 'is already used by another provider in the panel' }],
      evidence: { details: { existing_uuid: plan.conflict!.uuid } }
    })
  }
  const done = async (action: PushResult['action'], uuid: string, sent: string[], problems: string[]): Promise<PushResult> => {
    // Mappings after the provider: a new provider's uuid exists only now.
    const m = plan.mappings ? await pushMappings(mappingTarget(input), uuid, plan.mappings) : null
    return {
      action,
      uuid,
      name: plan.name,
      app_url: plan.app_url,
      redirect_url: redirectUrlFor(plan.app_url, uuid),
      sent_fields: sent,
      problems: [...problems, ...(m?.problems ?? [])],
      warnings: plan.warnings,
      mappings: m?.counts ?? null
    }
  }
  if (plan.action === 'unchanged' || !request) return done('unchanged', plan.uuid!, [], [])

  const sent = Object.keys(request.body)
  if (request.method === 'POST') {
    const created = await client.createProvider(request.body)
    return done('created', created.uuid, sent, readBackProblems(created, input))
  }
  await client.updateProvider(plan.uuid!, request.body)
  const stored = await client.getProvider(plan.uuid!)
  return done('updated', plan.uuid!, sent, readBackProblems(stored, input))
}

function mappingTarget(input: PushInput): Parameters<typeof pushMappings>[0] {
  return { panel: input.panel, apiKey: input.apiKey, timeoutMs: input.timeoutMs, signal: input.signal }
}

/** What the panel stored, compared with what we meant: a silent truncation or a proxy rewriting bodies shows here. */
function readBackProblems(stored: AdminProvider, input: PushInput): string[] {
  return diffProvider(stored, input.config, input.clientSecret).changes.map((c) =>
    c.secret
      ? 'The panel’s stored client secret differs from the one sent.'
      : `${c.label}: the panel stored ${JSON.stringify(c.before)}, not ${JSON.stringify(c.after)}.`
  )
}
