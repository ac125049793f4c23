import { parseArgs } from 'node:util'
import { clientSecretKey } from '../../shared/vault-keys'
import { isLoginPortText, LOGIN_DEFAULT_PORT, LOGIN_DEFAULT_TIMEOUT_MS, LOGIN_PORT_MESSAGE, type LoginResult } from '../../shared/login'
import { LoginConfigSchema } from '../../shared/schemas/login'
import type { CliCommand } from '../command'
import { clientSecretFrom, DEFAULT_CLIENT_SECRET_ENV, envName, readConfigFile } from '../config-file'
import { CLI_DRAFT_ID, createCliClient } from '../dispatch'
import { timeoutOption, UsageError } from '../command'

/** `{"userinfo": <the raw text as received>, …}`: re-serializing would reorder keys and round big integers. */
function resultJson(r: LoginResult): string {
  const rest = JSON.stringify(
    { id_token_claims: r.id_token_claims, token_endpoint_auth: r.token_endpoint_auth, basic_auth: r.basic_auth, warnings: r.warnings },
    null,
    2
  )
  return `{\n  "userinfo": ${r.userinfo.text.trim()},\n${rest.slice(2)}\n`
}

export const loginCommand: CliCommand = {
  name: 'login',
  summary: 'Log in once at the provider through a loopback redirect, exactly as the panel would, and print the userinfo it gets',
  usage: 'login --config CONFIG.json [--port N] [--no-open] [--client-secret-env NAME] [--extra-checks] [--timeout SECONDS] [--json]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        'client-secret-env': { type: 'string' },
        'extra-checks': { type: 'boolean' },
        timeout: { type: 'string' },
        json: { type: 'boolean' }
      }
    })
    if (positionals.length)
      throw new UsageError(
        'login takes no positional arguments; the client secret is read from the environment, never from the command line.'
      )
    if (!values.config) throw new UsageError('--config CONFIG.json is required.')
    if (values.port !== undefined && !isLoginPortText(values.port)) throw new UsageError(`--port ${LOGIN_PORT_MESSAGE}`)
    const port = values.port === undefined ? LOGIN_DEFAULT_PORT : Number(values.port)
    const timeoutMs = timeoutOption(values.timeout) ?? LOGIN_DEFAULT_TIMEOUT_MS
    const secretEnv = envName(values['client-secret-env'], DEFAULT_CLIENT_SECRET_ENV, '--client-secret-env')

    const { config, fileSecret } = await readConfigFile(values.config, io, LoginConfigSchema)
    const clientSecret = clientSecretFrom(io, secretEnv, fileSecret, values.config)
    if (clientSecret === null) {
      throw new UsageError(`No client secret: set the environment variable ${secretEnv} (or name another one with --client-secret-env).`)
    }

    // The same contract methods as the app's test login, the secret in the CLI's vault.
    const client = await createCliClient(io, { clientSecret })
    const started = await client.call('login:start', {
      config,
      secretKey: clientSecretKey(CLI_DRAFT_ID),
      port,
      timeoutMs: Math.round(timeoutMs),
      extraChecks: values['extra-checks'] ?? false,
      openBrowser: !values['no-open']
    })
    io.stderr(`Register this redirect URI at the provider for the test login: ${started.redirectUri}\n`)
    io.stderr(`Open: ${started.authorizationUrl}\n`)
    if (!values['no-open'] && !started.opened) io.stderr('(no browser could be opened here: open the address above yourself)\n')
    io.stderr(`Waiting for the provider to send the browser back (up to ${Math.round(timeoutMs / 1000)} s; Ctrl+C cancels)…\n`)
    const result = await client.call('login:wait', { flowId: started.flowId })
    if (values.json) {
      io.stdout(resultJson(result))
    } else {
      io.stdout(
        `Client authentication  ${result.token_endpoint_auth} (Basic Auth ${result.basic_auth ? 'on' : 'off'}${result.basic_auth_changed ? ', CHANGED from the config' : ''})\n`
      )
      io.stdout(
        `Userinfo (${result.userinfo.status}, ${result.userinfo.content_type ?? 'no content type'}):\n${result.userinfo.text.trim()}\n`
      )
      if (result.id_token_claims)
        io.stdout(
          `ID token claims (${result.id_token?.verified ? 'verified' : 'NOT verified'}):\n${JSON.stringify(result.id_token_claims, null, 2)}\n`
        )
      for (const f of result.findings)
        io.stdout(`${f.severity.toUpperCase().padEnd(8)} ${f.message}${f.hint ? `\n         ${f.hint}` : ''}\n`)
    }
    return 0
  }
}
