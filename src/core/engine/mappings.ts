import { AppError } from '../../shared/errors'
import type { MappingEvalInput, MappingEvalResult } from './mapping-types'
import { panelEngine } from './registry'

export type * from './mapping-types'

/**
 * What the panel does with its OAuth mappings at one login: validation of each entry (its garde messages),
 * which matchers match (with a trace of each), and the user's role and server access afterwards.
 * Synchronous once the engine is loaded; the Promise form is the agreed interface.
 */
export function evaluateMappingsSync(input: MappingEvalInput): MappingEvalResult {
  const answer = panelEngine().evaluateMappingsRaw(input.body, {
    granted_scope: input.granted_scope,
    mappings: input.mappings,
    ...(input.user ? { user: input.user } : {})
  }) as MappingEvalResult | { request_error: string }
  if ('request_error' in answer) {
    throw new AppError('internal', `The engine could not read the mapping request: ${answer.request_error}`)
  }
  return answer
}

export function evaluateMappings(input: MappingEvalInput): Promise<MappingEvalResult> {
  return Promise.resolve().then(() => evaluateMappingsSync(input))
}

/** The panel's base server permissions (`<group>.<key>`), as the engine holds them. */
export function serverPermissions(): string[] {
  return panelEngine().info().server_permissions
}
