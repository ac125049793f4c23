import type { PathField } from '../../shared/provider'

/** The five values the panel extracts at login (docs/panel-behaviour.md#value-extraction), in its order of the record. */
export const EXTRACT_FIELDS = ['identifier', 'email', 'username', 'name_first', 'name_last'] as const
export type ExtractField = (typeof EXTRACT_FIELDS)[number]

/** Provider record field holding each value's path. */
export const FIELD_PATH: Record<ExtractField, PathField> = {
  identifier: 'identifier_path',
  email: 'email_path',
  username: 'username_path',
  name_first: 'name_first_path',
  name_last: 'name_last_path'
}

/** The value each path field extracts. */
export const PATH_FIELD_VALUE: Record<PathField, ExtractField> = {
  identifier_path: 'identifier',
  email_path: 'email',
  username_path: 'username',
  name_first_path: 'name_first',
  name_last_path: 'name_last'
}
