import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { panelEngine } from '../../src/core/engine/registry'
import { FIELD_BYTE_LIMIT } from '../../src/core/jsonpath/extract'
import type { ExtractField } from '../../src/core/jsonpath/extract'
import { userinfoText } from '../support/userinfo-fixtures'

/**
 * The engine against the panel's own answers. panel-answers.jsonl holds generated cases (random paths on
 * the five providers' userinfo, the known differences between RFC 9535 evaluators and the panel, bodies
 * that are not UTF-8 or start with a byte-order mark, truncation at 15 and 255 bytes) with what a native
 * build of the panel's extraction answered for each (see docs/jsonpath-engine.md). `nodes_json` is kept
 * where it is short.
 */
interface Row {
  fixture?: string
  body?: string
  body_hex?: string
  path: string
  field: ExtractField
  panel: {
    valid: boolean
    path_error: string | null
    doc_ok: boolean
    doc_error: string | null
    count: number
    first: string | null
    nodes_json?: string[]
  }
}

const rows = readFileSync(new URL('../fixtures/engine/panel-answers.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Row)

function bodyOf(r: Row): Uint8Array | string {
  if (r.body_hex !== undefined) return Buffer.from(r.body_hex, 'hex')
  if (r.fixture !== undefined) return userinfoText(r.fixture.replace(/\.json$/, '') as Parameters<typeof userinfoText>[0])
  return r.body!
}

describe('the engine answers as the panel does', () => {
  it('on every recorded case', () => {
    expect(rows.length).toBeGreaterThan(1500)
    const engine = panelEngine()
    const differences: string[] = []
    for (const r of rows) {
      const doc = engine.parseDocument(bodyOf(r))
      const answer = engine.query(doc.ok ? doc.handle : 0, r.path, { nodeLimit: 100_000, valueMax: FIELD_BYTE_LIMIT[r.field] })
      if (doc.ok) engine.freeDocument(doc.handle)
      const judged = answer.valid && doc.ok
      const ours: Row['panel'] = {
        valid: answer.valid,
        path_error: answer.refusal?.error ?? null,
        doc_ok: doc.ok,
        doc_error: doc.ok ? null : doc.error,
        count: answer.count,
        first: judged ? answer.value : null
      }
      if (r.panel.nodes_json) ours.nodes_json = judged ? answer.nodes.map((n) => n.json) : []
      if (JSON.stringify(ours) !== JSON.stringify(r.panel))
        differences.push(`${r.path}: ${JSON.stringify(ours)} ≠ ${JSON.stringify(r.panel)}`)
    }
    expect(differences).toEqual([])
  })
})
