import type { ImportProblem, ImportResult, PresetFormat } from '../../shared/schemas/presets'
import { PRESET_MAX_BYTES, presetTooLargeMessage } from '../../shared/presets'
import { findExcessNesting, JSON_NESTING, MAX_DOCUMENT_NESTING, YAML_NESTING } from '../limits/nesting'
import { checkMembers } from './check-preset-members'
import { problem, where } from './import-problems'
import { parseJson } from './parse-json-preset'
import { parseYaml } from './parse-yaml-preset'
import { firstBinaryChar, lineColAt, makeShift } from './text-position'

/**
 * Reading a preset file the way the panel's Import button reads it (frontend
 * `AdminOAuthProviders.tsx` → `handleImport`), and saying precisely, with the key and the
 * line, everything that would make the panel refuse it or store something unexpected.
 *
 * What the panel does, step by step, and how we mirror it:
 * 1. `await file.text()` (UTF-8, a leading BOM dropped) then `.trim()`.
 * 2. `text.startsWith('{')` → `JSON.parse`, otherwise js-yaml 5.3.0 `load` (the same js-yaml runs here; one document;
 *    duplicate keys are an error there; JSON.parse keeps the last of duplicate keys).
 * 3. `{...raw, client_id: 'example', client_secret: 'example'}`: a secret in the file is
 *    ignored, never used (docs/panel-behaviour.md#preset-import). We drop it too, and say so.
 * 4. Keys are matched after camelCasing them (`identifier_path` and `identifierPath` both
 *    work); any other key is silently ignored.
 * 5. zod: every field required; strings where strings are due (no coercion: `123` or
 *    `yes` is not text); `''` becomes null for description and the optional paths; the
 *    paths need ≥ 3 characters; then the backend's rules on create (docs/panel-behaviour.md#provider-record).
 */

/**
 * Reads a preset file (YAML or JSON), validates it against the panel's Import and save
 * rules (docs/panel-behaviour.md#provider-record, #preset-import), and returns the preset when the panel would accept it,
 * with every problem located by key and line.
 */
export function importPreset(input: string, opts: { byteLength?: number } = {}): ImportResult {
  const problems: ImportProblem[] = []
  const fail = (): ImportResult => ({ ok: false, format, preset: null, problems })
  let format: PresetFormat | null = null

  // Length in UTF-16 units never exceeds the UTF-8 byte count, so the cheap test goes first.
  // (`byteLength`: the file's real size, when the caller read only its beginning.)
  const bytes = opts.byteLength ?? (input.length > PRESET_MAX_BYTES ? input.length : new TextEncoder().encode(input).length)
  if (bytes > PRESET_MAX_BYTES) {
    problems.push(problem('error', presetTooLargeMessage(bytes)))
    return fail()
  }
  let text = input
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1)
    problems.push(problem('warning', 'The file starts with a byte order mark (BOM); it was ignored, as the panel ignores it.', { line: 1, column: 1 }))
  }
  const bin = firstBinaryChar(text)
  if (bin !== -1) {
    const loc = lineColAt(text, bin)
    const code = text.charCodeAt(bin)
    const what = code === 0xfffd ? 'bytes that are not valid UTF-8' : `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    problems.push(problem('error', `This is not a text file: it contains ${what} (line ${loc.line}, column ${loc.column}). A preset is a YAML or JSON text file.`, loc))
    return fail()
  }
  if (/\r\n/.test(text)) {
    problems.push(problem('warning', 'The file has Windows line endings (CRLF); they were read fine (the panel reads them too). Files exported here use LF.'))
  }
  const trimmed = text.trim()
  if (trimmed === '') {
    problems.push(problem('error', 'The file is empty.'))
    return fail()
  }
  const shift = makeShift(text.slice(0, text.length - text.trimStart().length))
  format = trimmed.startsWith('{') ? 'json' : 'yaml'
  const tooDeep = findExcessNesting(trimmed, MAX_DOCUMENT_NESTING, format === 'json' ? JSON_NESTING : YAML_NESTING)
  if (tooDeep !== -1) {
    const loc = shift(lineColAt(trimmed, tooDeep))
    problems.push(problem('error', `The file nests brackets more than ${MAX_DOCUMENT_NESTING} levels deep${where(loc)}; a preset is a flat list of keys.`, loc))
    return fail()
  }
  const parsed = format === 'json' ? parseJson(trimmed, shift) : parseYaml(trimmed, shift)
  problems.push(...parsed.problems)
  if (!parsed.members) return fail()
  const built = checkMembers(parsed.members, format)
  problems.push(...built.problems)
  const ok = !problems.some((p) => p.severity === 'error')
  return { ok, format, preset: ok ? built.preset : null, problems }
}

