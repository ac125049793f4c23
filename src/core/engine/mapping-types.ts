// Types of the engine's mapping evaluation (the agreed interface between the engine and its users).
export interface MappingEntryInput {
  matcher: unknown
  mapping: unknown
}
export interface MappingUserState {
  role_uuid: string | null
  subusers: { server_uuid: string; permissions: string[] }[]
  owns: string[]
}
export interface MappingEvalInput {
  body: Uint8Array | string
  granted_scope: string | null
  mappings: MappingEntryInput[]
  user?: MappingUserState
}
export interface TraceNodeHit {
  location: string
  text: string
  is_array: boolean
  matched: boolean
}
export type MatcherTrace =
  | { type: 'none'; matched: true }
  | { type: 'and' | 'or'; matched: boolean; children: MatcherTrace[] }
  | { type: 'not'; matched: boolean; child: MatcherTrace }
  | { type: 'scopes'; matched: boolean; required: string[]; missing: string[] }
  | {
      type: 'field_exists' | 'field_equals' | 'field_contains' | 'field_starts_with' | 'field_ends_with'
      matched: boolean
      path: string
      path_valid: boolean
      expected: string | null
      nodes: TraceNodeHit[]
      node_count: number
    }
export interface MappingOutcomeServer {
  server_uuid: string
  action: 'add_or_update' | 'remove'
  permissions: string[]
}
export interface MappingEvalResult {
  valid: boolean
  errors: string[]
  entry_valid: boolean[]
  matched: (boolean | null)[]
  traces: (MatcherTrace | null)[]
  outcome: { role_uuid: string | null; servers: MappingOutcomeServer[] }
  revoked_servers: string[]
  role_revokes: string[]
  granted_scopes: string[]
  canonical: ({ matcher: unknown; mapping: unknown } | null)[]
  doc_ok: boolean
  doc_error: string | null
}
