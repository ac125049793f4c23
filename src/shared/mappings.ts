/**
 * The panel's role and server mappings, in the panel's own JSON shapes (docs/panel-behaviour.md#mappings). Plain types: this file is part of the renderer bundle. Validation and evaluation
 * happen in the WebAssembly engine, from the panel's code; these types only help build and show them.
 */

export type FieldMatcherType = 'field_exists' | 'field_equals' | 'field_contains' | 'field_starts_with' | 'field_ends_with'
export type GroupMatcherType = 'and' | 'or' | 'not'
export type MatcherType = 'none' | 'scopes' | GroupMatcherType | FieldMatcherType

export type Matcher =
  | { type: 'none' }
  | { type: 'and' | 'or'; matchers: Matcher[] }
  | { type: 'not'; matcher: Matcher }
  | { type: 'scopes'; scopes: string[] }
  | { type: 'field_exists'; path: string }
  | { type: 'field_equals'; path: string; equals: string }
  | { type: 'field_contains'; path: string; contains: string }
  | { type: 'field_starts_with'; path: string; starts_with: string }
  | { type: 'field_ends_with'; path: string; ends_with: string }

export type Mapping =
  | { type: 'role'; role_uuid: string; revoke_unmatched?: boolean }
  | { type: 'server_subuser'; server_uuid: string; permissions: string[]; ignored_files: string[]; revoke_unmatched?: boolean }

/** One mapping as a draft or CONFIG.json holds it (no uuid, no created: those are the panel's). */
export interface MappingEntry {
  matcher: unknown
  mapping: unknown
}

/** The panel's admin object (`GET …/mappings`). */
export interface AdminMapping {
  uuid: string
  matcher: unknown
  mapping: unknown
  created: string
}

/** and/or/not are groups; the panel allows a group only at depth < 3 (the root is depth 0). */
export const MAX_GROUP_DEPTH = 3

/** The JSON key holding a field matcher's text, per type (the panel's serde names). */
export const FIELD_VALUE_KEY = {
  field_equals: 'equals',
  field_contains: 'contains',
  field_starts_with: 'starts_with',
  field_ends_with: 'ends_with'
} as const

export const MATCHER_LABELS: Record<MatcherType, string> = {
  none: 'always',
  and: 'all of (and)',
  or: 'any of (or)',
  not: 'not',
  scopes: 'granted scopes include',
  field_exists: 'field exists',
  field_equals: 'field equals',
  field_contains: 'field contains',
  field_starts_with: 'field starts with',
  field_ends_with: 'field ends with'
}

export function isGroup(m: { type: string }): boolean {
  return m.type === 'and' || m.type === 'or' || m.type === 'not'
}

/** Deepest group nesting of a matcher (0 for a leaf). */
export function groupDepth(m: unknown): number {
  if (m === null || typeof m !== 'object') return 0
  const o = m as { type?: unknown; matchers?: unknown; matcher?: unknown }
  if (o.type === 'and' || o.type === 'or') {
    const kids = Array.isArray(o.matchers) ? o.matchers : []
    return 1 + kids.reduce<number>((d, k) => Math.max(d, groupDepth(k)), 0)
  }
  if (o.type === 'not') return 1 + groupDepth(o.matcher)
  return 0
}

/**
 * A uuid as the panel stores it: lowercase and hyphenated. The panel's parser (uuid crate)
 * also accepts upper case, 32 bare hex digits, `{…}` braces and `urn:uuid:`; anything else
 * is returned unchanged (the panel refuses it; validation says so).
 */
export function normalizeUuid(text: string): string {
  let t = text
  if (/^urn:uuid:/i.test(t)) t = t.slice(9)
  else if (t.startsWith('{') && t.endsWith('}')) t = t.slice(1, -1)
  const hex = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(t)
    ? t.replace(/-/g, '')
    : /^[0-9a-fA-F]{32}$/.test(t)
      ? t
      : null
  if (hex === null) return text
  const h = hex.toLowerCase()
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
