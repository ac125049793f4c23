import { parseArgs } from 'node:util'
import { checkApiKeyFormat } from '../../core/panel/api-key'
import { normalizePanelUrl } from '../../core/panel/panel-url'
import type { Output } from '../../shared/api'
import { AppError } from '../../shared/errors'
import { ProviderConfigSchema } from '../../shared/schemas/provider'
import type { CliCommand, CliIO } from '../command'
import { printJson, timeoutOption, UsageError } from '../command'
import { secretsInUse } from '../../core/redaction/redact'
import {
  clientSecretFrom,
  DEFAULT_API_KEY_ENV,
  DEFAULT_CLIENT_SECRET_ENV,
  envName,
  readConfigFile,
  readConfigMappings
} from '../config-file'
import { CLI_DRAFT_ID, createCliClient } from '../dispatch'
import { printMappingPlan } from './mappings'

type Plan = Output<'panel:plan'>
/** Exit code when the plan was printed and nothing sent (no --yes). */
export const EXIT_NEEDS_CONFIRMATION = 3

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v)
}

function printPlan(io: CliIO, plan: Plan): void {
  const o = io.stdout
  const head: Record<Plan['action'], string> = {
    create: `Will create the provider “${plan.name}” on ${plan.app_name} (${plan.app_url}):`,
    update: `Will update the provider “${plan.name}” (${plan.uuid}) on ${plan.app_name}, only these fields:`,
    unchanged: `The provider “${plan.name}” (${plan.uuid}) on ${plan.app_name} already matches; nothing to send.`,
    conflict: `A provider named “${plan.name}” already exists (${plan.conflict?.uuid}); --create-only refuses to touch it.`
  }
  // The mapping diff first: it is the part that silently changes who gets what at the next login.
  if (plan.mappings) printMappingPlan(io, plan.mappings)
  o(`${head[plan.action]}\n`)
  for (const c of plan.changes) {
    const label = c.label.padEnd(24)
    if (c.secret) o(`  ${label} ${c.kind === 'set' ? '(set, hidden)' : '(changed, hidden)'}\n`)
    else if (plan.action === 'create') o(`  ${label} ${show(c.after)}\n`)
    else o(`  ${label} ${show(c.before)} → ${show(c.after)}\n`)
  }
  if (plan.preview) o(`Request: ${plan.preview.method} ${plan.preview.path}\n`)
}

/**
 * `push`: creates or updates the provider on a panel through its admin API, then
 * checks the panel's login redirect and the provider's answer to it. Secrets come from
 * environment variables only, never argv.
 */
export const pushCommand: CliCommand = {
  name: 'push',
  summary:
    'Create or update the provider on a panel (admin API), then verify its login redirect; without --yes prints the plan and exits 3',
  usage:
    'push --config CONFIG.json --panel URL [--api-key-env NAME] [--client-secret-env NAME] [--create-only] [--yes] [--json] [--timeout SECONDS]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        panel: { type: 'string' },
        'api-key-env': { type: 'string' },
        'client-secret-env': { type: 'string' },
        'create-only': { type: 'boolean' },
        yes: { type: 'boolean' },
        json: { type: 'boolean' },
        timeout: { type: 'string' }
      }
    })
    // Not echoed: a stray argument may well be a pasted secret.
    if (positionals.length)
      throw new UsageError(
        `push takes no positional arguments (${positionals.length} given); secrets go in environment variables, never in arguments.`
      )
    if (values.config === undefined) throw new UsageError('--config CONFIG.json is required (use - for stdin).')
    if (values.panel === undefined) throw new UsageError('--panel URL is required.')
    const timeoutMs = timeoutOption(values.timeout)
    const keyEnv = envName(values['api-key-env'], DEFAULT_API_KEY_ENV, '--api-key-env')
    const secretEnv = envName(values['client-secret-env'], DEFAULT_CLIENT_SECRET_ENV, '--client-secret-env')

    const panel = normalizePanelUrl(values.panel)
    const rawKey = io.env[keyEnv]
    if (rawKey === undefined || rawKey === '') {
      throw new AppError('cli.api-key', `The panel API key is not set: put it in the environment variable ${keyEnv}.`, {
        hint: `e.g. read -rs ${keyEnv} && export ${keyEnv}; the key needs the admin permissions oauth-providers.read, .create and .update.`
      })
    }
    secretsInUse.add(rawKey)
    const apiKey = checkApiKeyFormat(rawKey)
    const file = await readConfigFile(values.config, io, ProviderConfigSchema)
    // The secret travels apart from the record (clientSecret below), never inside it.
    const { client_secret: _inFile, ...config } = file.config
    const clientSecret = clientSecretFrom(io, secretEnv, file.fileSecret, values.config)

    // The CLI calls the same contract methods as the GUI, with its vault seeded from the environment.
    const client = await createCliClient(io, { apiKey: { panel, key: apiKey }, clientSecret })
    const mappings = readConfigMappings(file.raw, values.config)
    const request = {
      panelUrl: panel.base,
      draftId: CLI_DRAFT_ID,
      config,
      mode: values['create-only'] ? ('create' as const) : ('auto' as const),
      ...(timeoutMs === undefined ? {} : { timeoutMs: Math.round(timeoutMs) }),
      ...(mappings ? { mappings } : {})
    }
    const plan = await client.call('panel:plan', request)
    for (const w of plan.warnings) io.stderr(`warning: ${w}\n`)
    if (plan.action === 'conflict') {
      throw new AppError(
        'panel.name-conflict',
        `The panel already has a provider named “${plan.name}” (${plan.conflict!.uuid}); --create-only does not touch it.`,
        {
          hint: 'Rename the provider in CONFIG.json, or run without --create-only to update it.'
        }
      )
    }
    if (!values.yes) {
      // The contract's plan, with `request` (the name this output has always had for `preview`).
      if (values.json) printJson(io, { ...plan, request: plan.preview })
      else printPlan(io, plan)
      io.stderr('Nothing was sent. Run again with --yes to send this.\n')
      return EXIT_NEEDS_CONFIRMATION
    }

    const result = await client.call('panel:push-and-verify', { ...request, fingerprint: plan.fingerprint })
    const v = result.verification
    for (const n of v.notes) io.stderr(`note: ${n}\n`)
    if (v.preflight && v.preflight.outcome !== 'provider-error')
      io.stderr(`provider: ${v.preflight.message}${v.preflight.hint ? ` ${v.preflight.hint}` : ''}\n`)
    for (const a of v.login_advice) io.stderr(`login: ${a}\n`)
    io.stderr(`Register this redirect URL at the provider: ${result.redirect_url}\n`)
    if (values.json) printJson(io, result)
    else {
      const verified = result.verified ? 'yes' : v.status === 'skipped-disabled' ? 'no (the provider is disabled)' : 'no'
      io.stdout(`${result.action} ${result.uuid}\nRedirect URL: ${result.redirect_url}\nVerified: ${verified}\n`)
      if (result.mappings) {
        const m = result.mappings
        io.stdout(`Mappings: ${m.created} created, ${m.updated} updated, ${m.deleted} deleted, ${m.unchanged} unchanged\n`)
      }
      for (const p of result.problems) io.stdout(`PROBLEM ${p}\n`)
    }
    return result.problems.length ? 1 : 0
  }
}
