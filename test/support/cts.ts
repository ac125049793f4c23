import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from '@humanwhocodes/momoa'
import type { AnyNode, ObjectNode } from '@humanwhocodes/momoa'

/** One case of the JSONPath Compliance Test Suite, its document kept as written. */
export interface CtsCase {
  name: string
  selector: string
  invalid: boolean
  /** The document's JSON text exactly as in the suite (key order and number text intact); null when absent. */
  documentText: string | null
  /** Allowed results: each a list of expected values (JSON.parse form). */
  results: unknown[][]
}

/** The suite, copied into the repository with its licence (test/fixtures/jsonpath-cts/LICENSE, BSD-2). */
export const CTS_PATH = fileURLToPath(new URL('../fixtures/jsonpath-cts/cts.json', import.meta.url))

/**
 * Loads the CTS (a missing file is an error, never a skip). Each document is cut out of the file's text
 * so the engine reads it as written: JSON.parse would move integer-like keys first.
 */
export function loadCts(path = CTS_PATH): CtsCase[] {
  const text = readFileSync(path, 'utf8')
  const plain = JSON.parse(text) as { tests: Array<Record<string, unknown>> }
  const root = parse(text, { ranges: true }).body as ObjectNode
  const tests = root.members.find((m) => m.name.type === 'String' && m.name.value === 'tests')!.value
  if (tests.type !== 'Array') throw new Error('cts.json: tests is not an array')
  return plain.tests.map((t, i) => {
    const node = tests.elements[i]!.value as ObjectNode
    const doc = node.members.find((m) => m.name.type === 'String' && m.name.value === 'document')?.value as AnyNode | undefined
    const results = t.results !== undefined ? (t.results as unknown[][]) : t.result !== undefined ? [t.result as unknown[]] : []
    return {
      name: String(t.name),
      selector: String(t.selector),
      invalid: t.invalid_selector === true,
      documentText: doc?.range ? text.slice(doc.range[0], doc.range[1]) : null,
      results
    }
  })
}
