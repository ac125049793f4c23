/**
 * The panel's OAuth role/server mapping evaluation as the engine answers it (the engine's crate
 * implements it from calagopus/panel shared/src/models/oauth_provider_mapping.rs; see
 * docs/jsonpath-engine.md). Field names follow the panel's JSON.
 */
export interface MappingEntryInput {
  matcher: unknown
  mapping: unknown
}

/** The user before the login; default: a new user. */
export interface MappingUserState {
  role_uuid: string | null
  subusers: { server_uuid: string; permissions: string[] }[]
  owns: string[]
}

export interface MappingEvalInput {
  /** The userinfo body as the panel receives it (bytes; a string is UTF-8 encoded). */
  body: Uint8Array | string
  /** The token response's `scope` as sent (null = absent). */
  granted_scope: string | null
  /** In the order the mappings were created. */
  mappings: MappingEntryInput[]
  user?: MappingUserState
}

export interface TraceNodeHit {
  location: string
  text: string
  is_array: boolean
  matched: boolean
}

export type FieldMatcherType = 'field_exists' | 'field_equals' | 'field_contains' | 'field_starts_with' | 'field_ends_with'

export type MatcherTrace =
  | { type: 'none'; matched: true }
  | { type: 'and' | 'or'; matched: boolean; children: MatcherTrace[] }
  | { type: 'not'; matched: boolean; child: MatcherTrace }
  | { type: 'scopes'; matched: boolean; required: string[]; missing: string[] }
  | {
      type: FieldMatcherType
      matched: boolean
      path: string
      path_valid: boolean
      expected: string | null
      /** The first 20 nodes with their normalized location and node text. */
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
  /** `mappings[i].<garde path>: <message>` or `mappings[i]: invalid payload: <serde>`. */
  errors: string[]
  entry_valid: boolean[]
  /** null when the entry does not deserialize. */
  matched: (boolean | null)[]
  /** Per entry; null when it does not deserialize. */
  traces: (MatcherTrace | null)[]
  outcome: { role_uuid: string | null; servers: MappingOutcomeServer[] }
  revoked_servers: string[]
  role_revokes: string[]
  granted_scopes: string[]
  /** As the panel stores and returns each entry. */
  canonical: ({ matcher: unknown; mapping: unknown } | null)[]
  doc_ok: boolean
  doc_error: string | null
}
