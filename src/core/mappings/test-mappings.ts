import type { MappingEvalInput, MappingEvalResult } from '../engine/mapping-types'
import type { MappingEntry } from '../../shared/mappings'
import type { MappingsTestResult, SampleResult, UserinfoSample } from '../../shared/schemas/mappings'
import { explainMapping } from './explain'
import { sampleTraps, staticTraps, type KnownTargets } from './traps'

export type EvaluateMappings = (input: MappingEvalInput) => Promise<MappingEvalResult>

export interface TestMappingsInput {
  mappings: MappingEntry[]
  samples: UserinfoSample[]
  known: KnownTargets | null
}

/** The engine's messages for entry `i` (`mappings[i].path: msg` / `mappings[i]: invalid payload: …`), without the prefix. */
export function entryErrors(errors: string[], i: number): string[] {
  const dot = `mappings[${i}].`
  const colon = `mappings[${i}]: `
  return errors
    .filter((e) => e.startsWith(dot) || e.startsWith(colon))
    .map((e) => (e.startsWith(dot) ? e.slice(dot.length) : e.slice(colon.length)))
}

function outcomeSentences(r: MappingEvalResult): string[] {
  const out: string[] = []
  out.push(r.outcome.role_uuid === null ? 'Role: none (a new user keeps having no role).' : `Role: ${r.outcome.role_uuid}.`)
  for (const s of r.outcome.servers) {
    if (s.action === 'add_or_update')
      out.push(`Subuser on server ${s.server_uuid} with ${s.permissions.length ? s.permissions.join(', ') : 'no permissions'}.`)
    else out.push(`Subuser access on server ${s.server_uuid} removed (revoke_unmatched).`)
  }
  if (r.outcome.servers.length === 0) out.push('Server access: no change.')
  // A new user has nothing to lose; an existing one would (revoke_unmatched).
  for (const uuid of r.revoked_servers)
    out.push(`A user who already has subuser access to server ${uuid} loses it at this login, even access given by hand.`)
  for (const uuid of r.role_revokes) out.push(`A user who already has the role ${uuid} loses it at this login.`)
  return out
}

/**
 * Validates the mappings with the panel's rules and runs them on each userinfo sample for
 * a new user, through the engine; explains every answer and lists the traps.
 */
export async function testMappings(input: TestMappingsInput, evaluate: EvaluateMappings): Promise<MappingsTestResult> {
  const bodies = input.samples.length ? input.samples : [{ label: '', body: '{}', granted_scope: null }]
  const results = await Promise.all(bodies.map((s) => evaluate({ body: s.body, granted_scope: s.granted_scope, mappings: input.mappings })))
  const first = results[0]!
  const samples: SampleResult[] = input.samples.map((s, k) => {
    const r = results[k]!
    return {
      label: s.label,
      doc_ok: r.doc_ok,
      doc_error: r.doc_error,
      granted_scopes: r.granted_scopes,
      mappings: input.mappings.map((_, i) =>
        r.doc_ok
          ? explainMapping(r.traces[i] ?? null, r.matched[i] ?? null, entryErrors(r.errors, i))
          : {
              matched: false,
              explanation: `Not run: the userinfo is not JSON (${r.doc_error ?? 'unreadable'}), so the panel’s login fails before any mapping runs.`,
              nearest_miss: null,
              lines: []
            }
      ),
      outcome: r.outcome,
      summary: r.doc_ok
        ? outcomeSentences(r)
        : [`The userinfo is not JSON (${r.doc_error ?? 'unreadable'}): the panel’s login fails before mappings run.`],
      warnings: r.doc_ok ? sampleTraps(input.mappings, r, s.granted_scope) : []
    }
  })
  return {
    valid: first.valid,
    problems: first.errors,
    entry_valid: first.entry_valid,
    warnings: staticTraps(input.mappings, input.known),
    samples
  }
}
