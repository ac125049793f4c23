import { Badge, Box, Button, Callout, Card, Code, Flex, Heading, Spinner, Table, Text } from '@radix-ui/themes'
import { useEffect, useMemo, useState } from 'react'
import { pushBlockers } from '../hooks/useRuleProblems'
import type { Output } from '../../../shared/api'
import { ErrorCallout } from '../components/ErrorCallout'
import { TextInput } from '../components/TextInput'
import { MappingPlanView } from '../components/mappings/MappingPlanView'
import { useWizard } from '../store'
import { changesSincePush } from '../store/push-record-slice'
import type { WizardState } from '../store/types'

type Plan = Output<'panel:plan'>
type PushResult = Output<'panel:push'>

const BUSY_LABEL: Record<NonNullable<WizardState['panelBusy']>, string> = {
  'saving-key': 'Storing the key…',
  checking: 'Checking the connection…',
  planning: 'Reading the panel’s providers…',
  pushing: 'Sending to the panel, then checking its login redirect and the provider…',
  verifying: 'Asking the panel for a login redirect, then the provider…'
}

function show(v: unknown): string {
  if (v === null) return 'null'
  if (v === undefined) return '—'
  return typeof v === 'string' ? v : JSON.stringify(v)
}

/**
 * The push part of the last step: connect to the panel (address + write-only API key),
 * review exactly what will be sent, send it, then the redirect URL to register at the
 * provider, the panel-side verification, the provider-side preflight, and the real
 * login through the panel.
 */
/** Errors that mean the stored key itself is not good for this panel. */
const KEY_REFUSED = new Set(['panel.key-refused', 'panel.key-malformed', 'panel.not-admin', 'panel.permission'])

export function PushToPanel() {
  const config = useWizard((s) => s.config)
  const panelUrl = useWizard((s) => s.panelUrl)
  const setPanelUrl = useWizard((s) => s.setPanelUrl)
  const apiKeySet = useWizard((s) => s.apiKeySet)
  const busy = useWizard((s) => s.panelBusy)
  const panelError = useWizard((s) => s.panelError)
  const check = useWizard((s) => s.check)
  const plan = useWizard((s) => s.plan)
  const pushResult = useWizard((s) => s.pushResult)
  const lastPush = useWizard((s) => s.lastPush)
  const redirectHint = useWizard((s) => s.redirectHint)
  const refreshApiKeyState = useWizard((s) => s.refreshApiKeyState)
  const loadRedirectHint = useWizard((s) => s.loadRedirectHint)
  const saveApiKey = useWizard((s) => s.saveApiKey)
  const checkConnection = useWizard((s) => s.checkConnection)
  const cancelPanelCall = useWizard((s) => s.cancelPanelCall)
  const makePlan = useWizard((s) => s.makePlan)
  const [apiKey, setApiKey] = useState('')
  const localErrors = useMemo(() => pushBlockers(config), [config])

  // Whether a key is stored for the address being typed (debounced; the key never comes back).
  useEffect(() => {
    const t = setTimeout(() => void refreshApiKeyState(), 300)
    return () => clearTimeout(t)
  }, [refreshApiKeyState, panelUrl])
  // The preset's "where to paste it", looked up once per pushed provider (by preset, else by the auth URL's host).
  const pushedUuid = lastPush?.uuid
  useEffect(() => {
    if (pushedUuid) void loadRedirectHint(useWizard.getState().config)
  }, [pushedUuid, loadRedirectHint])

  const keyRefused = apiKeySet && !!panelError && KEY_REFUSED.has(panelError.code)
  const connect = async (): Promise<void> => {
    if (apiKey.trim() !== '') {
      const stored = await saveApiKey(apiKey)
      if (!stored) return
      setApiKey('')
    }
    await checkConnection()
  }

  return (
    <Card size="3" asChild>
      <section aria-labelledby="push-heading">
        <Flex direction="column" gap="4">
          <Box>
            <Heading as="h3" size="4" id="push-heading">
              Push to the panel
            </Heading>
            <Text as="p" size="2" color="gray">
              The assistant creates or updates the provider through the panel’s admin API. Nothing is sent before you confirm.
            </Text>
          </Box>

          <TextInput
            id="panel-url"
            label="Panel address"
            required
            monospace
            value={panelUrl}
            onChange={setPanelUrl}
            placeholder="https://panel.example.com"
            description="The address you open the panel with, including its path if it lives under one (https://host/panel)."
          />
          <TextInput
            id="panel-api-key"
            label="Admin API key"
            type="password"
            monospace
            value={apiKey}
            onChange={setApiKey}
            placeholder={apiKeySet ? 'A key is stored for this panel; type a new one to replace it' : '48 characters'}
            description={
              <>
                Create one in the panel under Account → API Keys with the admin permissions oauth-providers.read, .create and .update. It
                goes to the app’s secret store, never into a draft, and is never shown again.
              </>
            }
          />
          <Flex gap="3" align="center" wrap="wrap">
            <Button
              data-testid="panel-check"
              onClick={() => void connect()}
              disabled={!!busy || !panelUrl.trim() || (!apiKeySet && !apiKey.trim())}
            >
              Check connection
            </Button>
            {apiKeySet ? (
              <>
                {keyRefused ? (
                  <Badge color="red" highContrast data-testid="panel-key-refused">
                    stored key refused by the panel
                  </Badge>
                ) : (
                  <Badge color="green" highContrast data-testid="panel-key-stored">
                    key stored
                  </Badge>
                )}
                <Button variant="ghost" color="gray" data-testid="panel-forget-key" onClick={() => void saveApiKey(null)} disabled={!!busy}>
                  Forget the key
                </Button>
              </>
            ) : null}
            {busy ? (
              <Flex gap="2" align="center" role="status" aria-live="polite">
                <Spinner />
                <Text size="2">{BUSY_LABEL[busy]}</Text>
                {busy !== 'saving-key' ? (
                  <Button size="1" variant="soft" color="gray" data-testid="panel-cancel" onClick={() => void cancelPanelCall()}>
                    Cancel
                  </Button>
                ) : null}
              </Flex>
            ) : null}
          </Flex>

          {check ? (
            <Callout.Root color="green" data-testid="panel-connected">
              <Callout.Text>
                Connected to <strong>{check.app_name}</strong> ({check.app_url}); the key can read its {check.provider_count} OAuth provider
                {check.provider_count === 1 ? '' : 's'}.
              </Callout.Text>
            </Callout.Root>
          ) : null}
          {check?.warnings.map((w, i) => (
            <Callout.Root key={i} color="amber" size="1" data-testid="panel-warning">
              <Callout.Text>{w}</Callout.Text>
            </Callout.Root>
          ))}

          {panelError ? <ErrorCallout error={panelError} testId="panel-error" /> : null}
          {panelError && (panelError.code === 'panel.name-conflict' || panelError.code === 'panel.plan-changed') && check ? (
            <Box>
              <Button variant="soft" data-testid="panel-replan" onClick={() => void makePlan()} disabled={!!busy}>
                Review again with what the panel has now
              </Button>
            </Box>
          ) : null}
          {check && !plan && !lastPush ? (
            <Flex direction="column" gap="2">
              {localErrors.length ? (
                <Callout.Root color="red" size="1" data-testid="panel-local-errors">
                  <Callout.Text>Fix the problems listed above first: the panel would refuse this provider.</Callout.Text>
                </Callout.Root>
              ) : null}
              <Box>
                <Button data-testid="panel-plan" onClick={() => void makePlan()} disabled={!!busy || localErrors.length > 0}>
                  Review what will be sent
                </Button>
              </Box>
            </Flex>
          ) : null}

          {plan ? <PlanView plan={plan} /> : null}
          {lastPush && !plan ? <AfterPush hint={redirectHint} result={pushResult} /> : null}
        </Flex>
      </section>
    </Card>
  )
}

function PlanView({ plan }: { plan: Plan }) {
  const busy = useWizard((s) => !!s.panelBusy)
  const makePlan = useWizard((s) => s.makePlan)
  const discardPlan = useWizard((s) => s.discardPlan)
  const confirmPush = useWizard((s) => s.confirmPush)
  const goTo = useWizard((s) => s.goTo)
  if (plan.action === 'conflict') {
    return (
      <Callout.Root color="amber" data-testid="panel-conflict">
        <Callout.Text>
          The panel already has a provider named “{plan.name}”. Update that one, or give this provider another name.
        </Callout.Text>
        <Flex gap="3" mt="2">
          <Button data-testid="panel-update-existing" onClick={() => void makePlan('update', plan.conflict!.uuid)} disabled={busy}>
            Update the existing provider
          </Button>
          <Button variant="soft" data-testid="panel-rename" onClick={() => (discardPlan(), goTo('discover'))}>
            Rename this one
          </Button>
        </Flex>
      </Callout.Root>
    )
  }
  const title =
    plan.action === 'create'
      ? `Create “${plan.name}” on ${plan.app_name}`
      : plan.action === 'update'
        ? `Update “${plan.name}” on ${plan.app_name}: ${plan.changes.length === 1 ? '1 field differs' : `${plan.changes.length} fields differ`}`
        : `“${plan.name}” on ${plan.app_name} already matches this draft`
  return (
    <Flex direction="column" gap="3" data-testid="panel-plan-view">
      <Heading as="h4" size="3">
        {title}
      </Heading>
      {plan.mappings ? <MappingPlanView plan={plan.mappings} /> : null}
      {plan.warnings.map((w, i) => (
        <Callout.Root key={i} color="amber" size="1">
          <Callout.Text>{w}</Callout.Text>
        </Callout.Root>
      ))}
      {plan.changes.length ? (
        <Table.Root size="1" variant="surface" data-testid="panel-diff">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Field</Table.ColumnHeaderCell>
              {plan.action === 'update' ? <Table.ColumnHeaderCell>In the panel now</Table.ColumnHeaderCell> : null}
              <Table.ColumnHeaderCell>Will be</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {plan.changes.map((c) => (
              <Table.Row key={c.field} data-testid={`panel-change-${c.field}`}>
                <Table.RowHeaderCell>{c.label}</Table.RowHeaderCell>
                {plan.action === 'update' ? (
                  <Table.Cell>{c.secret ? <Text color="gray">hidden</Text> : <Code variant="ghost">{show(c.before)}</Code>}</Table.Cell>
                ) : null}
                <Table.Cell>
                  {c.secret ? (
                    <Badge color="amber">{c.kind === 'set' ? 'set (hidden)' : 'changed (hidden)'}</Badge>
                  ) : (
                    <Code variant="ghost">{show(c.after)}</Code>
                  )}
                  {c.kind === 'cleared' ? (
                    <Text size="1" color="gray">
                      {' '}
                      (cleared)
                    </Text>
                  ) : null}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      ) : null}
      {plan.preview ? (
        <Box>
          <Text as="p" size="2" weight="medium">
            Exactly what will be sent (the client secret masked):
          </Text>
          <Code size="1" variant="soft" data-testid="panel-request" style={{ whiteSpace: 'pre', display: 'block', overflow: 'auto' }}>
            {`${plan.preview.method} ${plan.preview.path}\n${JSON.stringify(plan.preview.body, null, 2)}`}
          </Code>
        </Box>
      ) : null}
      <Flex gap="3">
        <Button data-testid="panel-confirm" onClick={() => void confirmPush()} disabled={busy}>
          {plan.action === 'create'
            ? 'Create the provider'
            : plan.action === 'update' || (plan.mappings && plan.mappings.ops.some((o) => o.op !== 'unchanged'))
              ? 'Send these changes'
              : 'Use it as it is'}
        </Button>
        <Button variant="soft" color="gray" data-testid="panel-discard" onClick={discardPlan} disabled={busy}>
          Not now
        </Button>
        {plan.action !== 'create' ? (
          <Button
            variant="ghost"
            color="gray"
            data-testid="panel-rename-instead"
            onClick={() => (discardPlan(), goTo('discover'))}
            disabled={busy}
          >
            This is another provider: rename it
          </Button>
        ) : null}
      </Flex>
    </Flex>
  )
}

function AfterPush({ hint, result }: { hint: string | null; result: PushResult | null }) {
  const last = useWizard((s) => s.lastPush)!
  const config = useWizard((s) => s.config)
  const panelUrl = useWizard((s) => s.panelUrl)
  const verification = useWizard((s) => s.verification)
  const verify = verification?.redirect ?? null
  const preflight = verification?.preflight ?? null
  const preflightError = verification?.preflight_error ?? null
  const panelBusy = useWizard((s) => s.panelBusy)
  const verifyPanel = useWizard((s) => s.verifyPanel)
  const openPanelLogin = useWizard((s) => s.openPanelLogin)
  const makePlan = useWizard((s) => s.makePlan)
  const mappings = useWizard((s) => s.mappings)
  const changed = useMemo(() => changesSincePush(last, config, panelUrl, mappings), [last, config, panelUrl, mappings])
  const current = changed.length === 0
  const [copied, setCopied] = useState(false)
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(last.redirect_url)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  const verb = last.action === 'created' ? 'Created' : last.action === 'updated' ? 'Updated' : 'Unchanged:'
  const when = new Date(last.at).toLocaleString()
  return (
    <Flex direction="column" gap="3" data-testid="panel-pushed">
      {result && current ? (
        <Callout.Root color="green">
          <Callout.Text>
            {verb} “{result.name}” in the panel
            {result.sent_fields.length ? ` (${result.sent_fields.length} field${result.sent_fields.length === 1 ? '' : 's'} sent)` : ''}.
          </Callout.Text>
        </Callout.Root>
      ) : (
        <Callout.Root color={current ? 'green' : 'gray'}>
          <Callout.Text>
            Last push: {verb.toLowerCase().replace(':', '')} “{last.name}” in the panel at {last.app_url} ({when})
            {current ? '; the panel holds this draft as it is now.' : '.'}
          </Callout.Text>
        </Callout.Root>
      )}
      {current ? null : (
        <Callout.Root color="amber" data-testid="panel-push-stale">
          <Callout.Text>
            Changed since the last push: {changed.join(', ')}. The panel still has the version pushed {when}; review the changes and push
            again.
          </Callout.Text>
          <Box mt="2">
            <Button data-testid="panel-review-stale" onClick={() => void makePlan()} disabled={!!panelBusy}>
              Review changes to push
            </Button>
          </Box>
        </Callout.Root>
      )}
      {result?.mappings ? (
        <Text size="2" data-testid="panel-pushed-mappings">
          Mappings: {result.mappings.created} created, {result.mappings.updated} updated, {result.mappings.deleted} deleted,{' '}
          {result.mappings.unchanged} unchanged.
        </Text>
      ) : null}
      {result?.problems.map((p, i) => (
        <Callout.Root key={i} color="red" size="1">
          <Callout.Text>{p}</Callout.Text>
        </Callout.Root>
      ))}
      <Box>
        <Text as="p" id="panel-redirect-label" size="2" weight="medium">
          Redirect URL to register at the provider
        </Text>
        <Flex gap="2" align="center" mt="1">
          <Code size="2" aria-labelledby="panel-redirect-label" data-testid="panel-redirect-url" style={{ wordBreak: 'break-all' }}>
            {last.redirect_url}
          </Code>
          <Button
            size="1"
            variant="soft"
            aria-label={copied ? 'Redirect URL copied' : 'Copy the redirect URL'}
            data-testid="panel-copy-redirect"
            onClick={() => void copy()}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </Flex>
        <Text as="p" size="1" color="gray" data-testid="panel-redirect-hint">
          {hint ??
            'At the provider, open this application’s settings and add it to the allowed redirect (callback) URLs, exactly as shown.'}
        </Text>
      </Box>

      {verify && current ? (
        <Box data-testid="panel-verify-result">
          <Text as="p" size="2" weight="medium">
            The panel’s login redirect {verify.ok ? 'matches this draft' : 'does not match this draft'}
          </Text>
          <ul>
            {verify.checks.map((c) => (
              <li key={c.name}>
                <Text size="1" color={c.ok ? undefined : 'red'}>
                  {c.ok ? '✓' : '✗'} {c.name}
                  {c.ok ? '' : `: expected ${c.expected ?? '(none)'}, got ${c.got ?? '(none)'}`}
                </Text>
              </li>
            ))}
          </ul>
          {verify.problems.map((p, i) => (
            <Callout.Root key={i} color="red" size="1">
              <Callout.Text>{p}</Callout.Text>
            </Callout.Root>
          ))}
        </Box>
      ) : null}

      {verification?.notes.length && current ? (
        <Callout.Root color={verification.status === 'skipped-disabled' ? 'blue' : 'gray'} size="1" data-testid="panel-verify-notes">
          {verification.notes.map((n, i) => (
            <Callout.Text key={i}>{n}</Callout.Text>
          ))}
        </Callout.Root>
      ) : null}
      {preflightError && current ? <ErrorCallout error={preflightError} testId="panel-preflight-error" /> : null}
      {preflight && current ? (
        <Callout.Root
          color={preflight.ok === true ? 'green' : preflight.ok === false ? 'red' : 'amber'}
          data-testid="panel-preflight-result"
        >
          <Callout.Text>
            <strong>The provider:</strong> {preflight.message}
            {preflight.hint ? (
              <>
                <br />
                {preflight.hint}
              </>
            ) : null}
          </Callout.Text>
        </Callout.Root>
      ) : null}

      <Flex gap="3" wrap="wrap">
        <Button variant="soft" data-testid="panel-verify" onClick={() => void verifyPanel()} disabled={!!panelBusy || !current}>
          Check again
        </Button>
        <Button data-testid="panel-open-login" onClick={() => void openPanelLogin()} disabled={!!panelBusy}>
          Open the panel’s login in the browser
        </Button>
        {current ? (
          <Button variant="soft" color="gray" data-testid="panel-push-again" onClick={() => void makePlan()} disabled={!!panelBusy}>
            Review changes to push again
          </Button>
        ) : null}
      </Flex>
      <Text as="p" size="1" color="gray">
        After registering the redirect URL at the provider, log in once through the panel: its success page is the final proof.
      </Text>
      {verification?.login_advice.map((a, i) => (
        <Text as="p" key={i} size="1" color="gray" data-testid="panel-login-advice">
          {a}
        </Text>
      ))}
    </Flex>
  )
}
