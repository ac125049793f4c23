import { parseArgs } from 'node:util'
import { checkApiKeyFormat } from '../../core/panel/api-key'
import { PanelClient } from '../../core/panel/panel-client'
import { normalizePanelUrl } from '../../core/panel/panel-url'
import { preflightProvider } from '../../core/panel/preflight'
import { planPush, pushProvider, type Plan, type PushInput } from '../../core/panel/push'
import { verifyPanelRedirect } from '../../core/panel/redirect-verify'
import { AppError } from '../../shared/errors'
import { ProviderConfigSchema } from '../../shared/schemas/provider'
import type { CliCommand, CliIO } from '../command'
import { printJson, timeoutOption, UsageError } from '../command'
import { secretsInUse } from '../../core/redaction/redact'
import { clientSecretFrom, DEFAULT_CLIENT_SECRET_ENV, envName, readConfigFile } from '../config-file'

const DEFAULT_API_KEY_ENV = 'CALAGOPUS_API_KEY'
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

    const input: PushInput = {
      panel,
      apiKey,
      config,
      clientSecret,
      mode: values['create-only'] ? 'create' : 'auto',
      timeoutMs,
      signal: io.signal
    }
    const plan = await planPush(input)
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
      if (values.json) {
        printJson(io, {
          action: plan.action,
          uuid: plan.uuid,
          name: plan.name,
          changes: plan.changes,
          request: plan.preview,
          warnings: plan.warnings
        })
      } else {
        printPlan(io, plan)
      }
      io.stderr('Nothing was sent. Run again with --yes to send this.\n')
      return EXIT_NEEDS_CONFIRMATION
    }

    const pushed = await pushProvider({ ...input, fingerprint: plan.fingerprint })
    const problems = [...pushed.problems]
    let verified = false
    if (!config.enabled) {
      io.stderr('note: the provider is disabled, so the panel has no login redirect to verify yet.\n')
    } else {
      const client = new PanelClient({ panel, timeoutMs, signal: io.signal })
      const v = await verifyPanelRedirect(client, pushed.uuid, config, pushed.app_url)
      verified = v.ok
      problems.push(...v.problems)
      if (v.ok && v.authorization_url) {
        try {
          const pre = await preflightProvider(v.authorization_url, pushed.redirect_url, { timeoutMs, signal: io.signal })
          if (pre.outcome === 'provider-error') problems.push(`${pre.message}${pre.hint ? ` ${pre.hint}` : ''}`)
          else io.stderr(`provider: ${pre.message}${pre.hint ? ` ${pre.hint}` : ''}\n`)
        } catch (err) {
          if (err instanceof AppError && err.code === 'cancelled') throw err
          io.stderr(`provider: the preflight could not reach the provider (${err instanceof Error ? err.message : String(err)}).\n`)
        }
      }
    }
    io.stderr(`Register this redirect URL at the provider: ${pushed.redirect_url}\n`)
    const result = { uuid: pushed.uuid, action: pushed.action, redirect_url: pushed.redirect_url, verified, problems }
    if (values.json) printJson(io, result)
    else {
      io.stdout(`${pushed.action} ${pushed.uuid}\nRedirect URL: ${pushed.redirect_url}\nVerified: ${verified ? 'yes' : 'no'}\n`)
      for (const p of problems) io.stdout(`PROBLEM ${p}\n`)
    }
    return problems.length ? 1 : 0
  }
}
