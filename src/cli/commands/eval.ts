import { parseArgs } from 'node:util'
import { AppError } from '../../shared/errors'
import { excerpt, EXTRACT_FIELDS } from '../../core/jsonpath/extract'
import type { ExtractField } from '../../core/jsonpath/extract'
import { evaluateField } from '../../core/registration/field'
import { prepareDocument } from '../../core/registration/preview'
import type { CliCommand } from '../command'
import { printJson, readUserinfoInput, UsageError } from '../command'

/** `--field` accepts the record's names too (`email_path`), since CONFIG.json uses them. */
function parseField(v: string | undefined): ExtractField {
  if (v === undefined) return 'identifier'
  const f = v.replace(/_path$/, '') as ExtractField
  if (!EXTRACT_FIELDS.includes(f)) throw new UsageError(`--field takes one of ${EXTRACT_FIELDS.join(', ')}.`)
  return f
}

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Evaluate a JSONPath on a userinfo document exactly as the panel does (first node, serde_json text, truncation)',
  usage: 'eval --path EXPR [--field identifier|email|username|name_first|name_last] [--file USERINFO.json | stdin] [--json]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { path: { type: 'string' }, field: { type: 'string' }, file: { type: 'string' }, json: { type: 'boolean' } }
    })
    if (positionals.length) throw new UsageError(`unexpected argument “${positionals[0]}”; the path goes after --path.`)
    if (values.path === undefined) throw new UsageError('--path is required (an empty string means “not set”).')
    const field = parseField(values.field)
    const text = await readUserinfoInput(values.file, io, 'userinfo document')
    const doc = prepareDocument(text)
    if (!doc.result.ok) {
      const r = doc.result
      throw new AppError('jsonpath.document', `The panel cannot read this userinfo document: ${r.message}.`, {
        hint: 'The panel parses the userinfo response with serde_json; fix the document (or the provider) first.'
      })
    }
    const r = evaluateField(doc, field, values.path, { maxNodes: Infinity, maxNodeChars: Infinity })
    if (values.json) {
      printJson(io, { valid: r.valid, error: r.error, nodes: r.nodes, panel_value: r.panel_value, problems: r.problems })
    } else {
      io.stdout(`Path         ${values.path === '' ? '(not set)' : values.path}${r.valid ? '' : '  INVALID'}\n`)
      if (r.error) io.stdout(`Error        ${r.error}\n`)
      io.stdout(`Matches      ${r.nodes.length}\n`)
      r.nodes.slice(0, 10).forEach((n, i) => io.stdout(`  [${i}] ${excerpt(n, 100)}\n`))
      io.stdout(`Panel value  ${r.panel_value === null ? '(none: the login fails)' : JSON.stringify(r.panel_value)}\n`)
      for (const p of r.problems) io.stdout(`- ${p}\n`)
    }
    return r.valid && r.panel_value !== null ? 0 : 1
  }
}
