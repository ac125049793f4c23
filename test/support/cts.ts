import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { member, parseDocument } from '../../src/core/jsonpath/document'
import type { JsonNode, JsonObject } from '../../src/core/jsonpath/document'

/** One case of the JSONPath Compliance Test Suite, its document kept in source order. */
export interface CtsCase {
  name: string
  selector: string
  invalid: boolean
  /** The document as the panel reads it (key order and number text preserved). */
  document: JsonNode | null
  /** Allowed results: each a list of expected values (JSON.parse form). */
  results: unknown[][]
}

/** Where CI and developers keep the shared material: `../shared` from the repo root. */
export const CTS_PATH = fileURLToPath(new URL('../../../shared/jsonpath-cts/cts.json', import.meta.url))

/**
 * Loads the CTS, parsing the file with the panel-faithful parser so each document's
 * member order is the file's (JSON.parse would move integer-like keys first).
 */
export function loadCts(path = CTS_PATH): CtsCase[] {
  const text = readFileSync(path, 'utf8')
  const plain = JSON.parse(text) as { tests: Array<Record<string, unknown>> }
  const doc = parseDocument(text)
  if (!doc.ok) throw new Error(`cannot read ${path}: ${doc.message}`)
  const tests = member(doc.root as JsonObject, 'tests')!
  if (tests.type !== 'array') throw new Error('cts.json: tests is not an array')
  return plain.tests.map((t, i) => {
    const node = tests.items[i] as JsonObject
    const document = member(node, 'document') ?? null
    const results = t.results !== undefined ? (t.results as unknown[][]) : t.result !== undefined ? [t.result as unknown[]] : []
    return {
      name: String(t.name),
      selector: String(t.selector),
      invalid: t.invalid_selector === true,
      document,
      results
    }
  })
}
