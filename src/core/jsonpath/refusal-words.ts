import type { PathRefusal } from '../engine/panel-engine'

/**
 * The panel's parser (serde_json_path) words some refusals after its own internals ("in dot member name,
 * must start with lowercase alpha or '_'" for `$.email.`). Where the cause is plain from the path itself,
 * say it the way an admin reads a path; otherwise keep the parser's words.
 */
export function refusalInWords(path: string, refusal: PathRefusal): string {
  const atEnd = refusal.offset >= path.trimEnd().length - 1
  const trimmed = path.trimEnd()
  if (atEnd && trimmed.endsWith('..')) return "a member name, '*' or a bracketed selection must follow '..'"
  if (atEnd && trimmed.endsWith('.')) return "a member name or '*' must follow the last '.'"
  return refusal.message
}
