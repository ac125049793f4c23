import { AppError } from '../../shared/errors'
import type { MappingEntry } from '../../shared/mappings'
import type { MappingCounts, MappingPlan } from '../../shared/schemas/mappings'
import type { CallOptions } from '../panel/connection-check'
import type { PanelBase } from '../panel/panel-url'
import { evaluateMappings } from './engine-evaluator'
import { MappingClient } from './mapping-client'
import { applyMappingSync, mappingReadBackProblems, planMappingSync } from './reconcile'
import { entryErrors } from './test-mappings'

/**
 * The mapping half of a push: the draft's mappings in the panel's stored form (the engine
 * validates them with the panel's rules and returns them as the panel would store them),
 * compared with the provider's mappings in the panel.
 */

export interface MappingPushTarget extends CallOptions {
  panel: PanelBase
  apiKey: string
}

/** Validates with the panel's rules; throws before anything is sent. Returns the stored forms. */
export async function canonicalMappings(mappings: MappingEntry[]): Promise<MappingEntry[]> {
  if (mappings.length === 0) return []
  const r = await evaluateMappings({ body: '{}', granted_scope: null, mappings })
  if (!r.valid) {
    throw new AppError(
      'panel.invalid-config',
      `The panel would refuse ${r.errors.length === 1 ? 'a mapping' : 'some mappings'}: ${r.errors.join('; ')}.`,
      {
        field: 'mappings',
        hint: 'Correct the mappings shown; nothing was sent to the panel.',
        problems: mappings.flatMap((_, i) => entryErrors(r.errors, i).map((message) => ({ field: `mappings[${i}]`, message })))
      }
    )
  }
  return r.canonical.map((c) => c as MappingEntry)
}

/** What the push would do to the mappings of `provider` (null: the provider is new, everything is created). */
export async function planMappingPush(target: MappingPushTarget, provider: string | null, desired: MappingEntry[]): Promise<MappingPlan> {
  const canonical = await canonicalMappings(desired)
  if (provider === null) return planMappingSync([], canonical)
  const client = new MappingClient(target)
  return planMappingSync(await client.listMappings(provider), canonical)
}

/** Sends a plan made by {@link planMappingPush}, then reads the panel's mappings back. */
export async function pushMappings(
  target: MappingPushTarget,
  provider: string,
  plan: MappingPlan
): Promise<{ counts: MappingCounts; problems: string[] }> {
  const client = new MappingClient(target)
  const counts = await applyMappingSync(client, provider, plan)
  if (counts.created + counts.updated + counts.deleted === 0) return { counts, problems: [] }
  const desired = plan.ops
    .filter((o) => o.op !== 'delete')
    .sort((a, b) => a.index! - b.index!)
    .map((o) => o.after as MappingEntry)
  return { counts, problems: mappingReadBackProblems(await client.listMappings(provider), desired) }
}
