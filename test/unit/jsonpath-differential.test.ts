import { jsonpath } from 'json-p3'
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { parseDocument, toJsValue } from '../../src/core/jsonpath/document'
import { evaluatePlan } from '../../src/core/jsonpath/evaluate'
import { compilePath } from '../../src/core/jsonpath/parse'
import { loadCts } from '../support/cts'
import { USERINFO_PROVIDERS, userinfoText } from '../support/userinfo-fixtures'

// Beyond the CTS documents: every valid CTS selector (and a few descendant/filter
// extras) on the five providers' real userinfo shapes, compared with json-p3's own
// RFC 9535 evaluator. These documents have no integer-like keys and no floats, so the
// two must agree except where the panel's serde_json_path departs from RFC 9535.

/** serde_json_path: `<=`/`>=` need both sides of the same type, so Nothing <= Nothing is false (RFC: true). */
const bothAbsentOrdering = (selector: string): boolean => /^\$\[\?@\.(a|b)\s*(<=|>=)\s*@\.(a|b)\]$/.test(selector)

const selectors = [
  ...new Set(
    loadCts()
      .filter((c) => !c.invalid)
      .map((c) => c.selector)
  )
]
const extras = ['$..*', '$..[?@]', '$[?@ > 5]', '$..[?@ == true]', '$.*[?length(@) > 1]', "$..[?search(@, 'a')]", '$..[0]', '$[*][*]']

describe.each(USERINFO_PROVIDERS)('%s userinfo: same nodes as an RFC 9535 evaluator', (provider) => {
  const text = userinfoText(provider)
  const doc = parseDocument(text)
  const plain = JSON.parse(text)
  it(`for ${selectors.length + extras.length} selectors`, () => {
    if (!doc.ok) throw new Error(doc.message)
    const differences: string[] = []
    for (const sel of [...selectors, ...extras]) {
      const c = compilePath(sel)
      if (!c.ok) continue
      const ours = evaluatePlan(c.path, doc.root).map(toJsValue)
      let rfc = jsonpath.query(sel, plain).values()
      // json-p3 2.3.1 lets match()/search() test numbers as text (8 matches '.'); RFC 9535
      // §2.4.6 and serde_json_path test strings only.
      if (/(match|search)\(@,/.test(sel)) rfc = rfc.filter((v) => typeof v !== 'number')
      if (bothAbsentOrdering(sel)) {
        expect(ours, sel).toEqual([])
        continue
      }
      if (!isDeepStrictEqual(ours, rfc)) differences.push(sel)
    }
    expect(differences).toEqual([])
  })
})
