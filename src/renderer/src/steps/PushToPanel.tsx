import { Badge, Box, Button, Callout, Card, Code, Flex, Heading, Spinner, Table, Text } from '@radix-ui/themes'
import { useEffect, useMemo, useState } from 'react'
import { checkProviderRules } from '../../../core/provider/rules'
import type { Output } from '../../../shared/api'
import { ErrorCallout } from '../components/ErrorCallout'
import { TextInput } from '../components/TextInput'
import { useWizard } from '../store'
import type { WizardState } from '../store/types'

type Plan = Output<'panel:plan'>

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
export function PushToPanel() {
  const s = useWizard()
  const [apiKey, setApiKey] = useState('')
  const localErrors = useMemo(
    () => checkProviderRules(s.config, { mode: 'create', clientSecret: 'set-in-vault' }).filter((p) => p.severity === 'error'),
    [s.config]
  )
  const { refreshApiKeyState, loadRedirectHint, pushResult } = s

  // Whether a key is stored for the address being typed (debounced; the key never comes back).
  const panelUrl = s.panelUrl
  useEffect(() => {
    const t = setTimeout(() => void refreshApiKeyState(), 300)
    return () => clearTimeout(t)
  }, [refreshApiKeyState, panelUrl])
  // The preset's "where to paste it", looked up once per push (by preset, else by the auth URL's host).
  const pushedUuid = pushResult?.uuid
  useEffect(() => {
    if (pushedUuid) void loadRedirectHint(useWizard.getState().config)
  }, [pushedUuid, loadRedirectHint])

  const busy = s.panelBusy
  const connect = async (): Promise<void> => {
    if (apiKey.trim() !== '') {
      const stored = await s.saveApiKey(apiKey)
      if (!stored) return
      setApiKey('')
    }
    await s.checkConnection()
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
            value={s.panelUrl}
            onChange={s.setPanelUrl}
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
            placeholder={s.apiKeySet ? 'A key is stored for this panel; type a new one to replace it' : '48 characters'}
            description={
              <>
                Create one in the panel under Account → API Keys with the admin permissions oauth-providers.read, .create and .update. It
                goes to the app’s secret store ({s.appInfo?.secretStorage.description ?? '…'}) and is never shown again.
              </>
            }
          />
          <Flex gap="3" align="center" wrap="wrap">
            <Button
              data-testid="panel-check"
              onClick={() => void connect()}
              disabled={!!busy || !s.panelUrl.trim() || (!s.apiKeySet && !apiKey.trim())}
            >
              Check connection
            </Button>
            {s.apiKeySet ? (
              <>
                <Badge color="green" data-testid="panel-key-stored">
                  key stored
                </Badge>
                <Button
                  variant="ghost"
                  color="gray"
                  data-testid="panel-forget-key"
                  onClick={() => void s.saveApiKey(null)}
                  disabled={!!busy}
                >
                  Forget the key
                </Button>
              </>
            ) : null}
            {busy ? (
              <Flex gap="2" align="center" role="status" aria-live="polite">
                <Spinner />
                <Text size="2">{BUSY_LABEL[busy]}</Text>
                {busy !== 'saving-key' ? (
                  <Button size="1" variant="soft" color="gray" data-testid="panel-cancel" onClick={() => void s.cancelPanelCall()}>
                    Cancel
                  </Button>
                ) : null}
              </Flex>
            ) : null}
          </Flex>

          {s.check ? (
            <Callout.Root color="green" data-testid="panel-connected">
              <Callout.Text>
                Connected to <strong>{s.check.app_name}</strong> ({s.check.app_url}); the key can read its {s.check.provider_count} OAuth
                provider
                {s.check.provider_count === 1 ? '' : 's'}.
              </Callout.Text>
            </Callout.Root>
          ) : null}
          {s.check?.warnings.map((w, i) => (
            <Callout.Root key={i} color="amber" size="1" data-testid="panel-warning">
              <Callout.Text>{w}</Callout.Text>
            </Callout.Root>
          ))}

          {s.panelError ? <ErrorCallout error={s.panelError} testId="panel-error" /> : null}
          {s.panelError && (s.panelError.code === 'panel.name-conflict' || s.panelError.code === 'panel.plan-changed') && s.check ? (
            <Box>
              <Button variant="soft" data-testid="panel-replan" onClick={() => void s.makePlan()} disabled={!!busy}>
                Review again with what the panel has now
              </Button>
            </Box>
          ) : null}
          {s.check && !s.plan && !s.pushResult ? (
            <Flex direction="column" gap="2">
              {localErrors.length ? (
                <Callout.Root color="red" size="1" data-testid="panel-local-errors">
                  <Callout.Text>Fix the problems listed above first: the panel would refuse this provider.</Callout.Text>
                </Callout.Root>
              ) : null}
              <Box>
                <Button data-testid="panel-plan" onClick={() => void s.makePlan()} disabled={!!busy || localErrors.length > 0}>
                  Review what will be sent
                </Button>
              </Box>
            </Flex>
          ) : null}

          {s.plan ? <PlanView plan={s.plan} /> : null}
          {s.pushResult ? <AfterPush hint={s.redirectHint} /> : null}
        </Flex>
      </section>
    </Card>
  )
}

function PlanView({ plan }: { plan: Plan }) {
  const s = useWizard()
  const busy = !!s.panelBusy
  if (plan.action === 'conflict') {
    return (
      <Callout.Root color="amber" data-testid="panel-conflict">
        <Callout.Text>
          The panel already has a provider named “{plan.name}”. Update that one, or give this provider another name.
        </Callout.Text>
        <Flex gap="3" mt="2">
          <Button data-testid="panel-update-existing" onClick={() => void s.makePlan('update', plan.conflict!.uuid)} disabled={busy}>
            Update the existing provider
          </Button>
          <Button variant="soft" data-testid="panel-rename" onClick={() => (s.discardPlan(), s.goTo('discover'))}>
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
        ? `Update “${plan.name}” on ${plan.app_name}: ${plan.changes.length} field${plan.changes.length === 1 ? '' : 's'} differ`
        : `“${plan.name}” on ${plan.app_name} already matches this draft`
  return (
    <Flex direction="column" gap="3" data-testid="panel-plan-view">
      <Heading as="h4" size="3">
        {title}
      </Heading>
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
        <Button data-testid="panel-confirm" onClick={() => void s.confirmPush()} disabled={busy}>
          {plan.action === 'create' ? 'Create the provider' : plan.action === 'update' ? 'Send these changes' : 'Use it as it is'}
        </Button>
        <Button variant="soft" color="gray" data-testid="panel-discard" onClick={s.discardPlan} disabled={busy}>
          Not now
        </Button>
        {plan.action !== 'create' ? (
          <Button
            variant="ghost"
            color="gray"
            data-testid="panel-rename-instead"
            onClick={() => (s.discardPlan(), s.goTo('discover'))}
            disabled={busy}
          >
            This is another provider: rename it
          </Button>
        ) : null}
      </Flex>
    </Flex>
  )
}

function AfterPush({ hint }: { hint: string | null }) {
  const s = useWizard()
  const r = s.pushResult!
  const [copied, setCopied] = useState(false)
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(r.redirect_url)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  const verb = r.action === 'created' ? 'Created' : r.action === 'updated' ? 'Updated' : 'Unchanged:'
  return (
    <Flex direction="column" gap="3" data-testid="panel-pushed">
      <Callout.Root color="green">
        <Callout.Text>
          {verb} “{r.name}” in the panel
          {r.sent_fields.length ? ` (${r.sent_fields.length} field${r.sent_fields.length === 1 ? '' : 's'} sent)` : ''}.
        </Callout.Text>
      </Callout.Root>
      {r.problems.map((p, i) => (
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
            {r.redirect_url}
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

      {s.verify ? (
        <Box data-testid="panel-verify-result">
          <Text as="p" size="2" weight="medium">
            The panel’s login redirect {s.verify.ok ? 'matches this draft' : 'does not match this draft'}
          </Text>
          <ul>
            {s.verify.checks.map((c) => (
              <li key={c.name}>
                <Text size="1" color={c.ok ? undefined : 'red'}>
                  {c.ok ? '✓' : '✗'} {c.name}
                  {c.ok ? '' : `: expected ${c.expected ?? '(none)'}, got ${c.got ?? '(none)'}`}
                </Text>
              </li>
            ))}
          </ul>
          {s.verify.problems.map((p, i) => (
            <Callout.Root key={i} color="red" size="1">
              <Callout.Text>{p}</Callout.Text>
            </Callout.Root>
          ))}
        </Box>
      ) : null}

      {s.verification?.notes.length ? (
        <Callout.Root color={s.verification.status === 'skipped-disabled' ? 'blue' : 'gray'} size="1" data-testid="panel-verify-notes">
          {s.verification.notes.map((n, i) => (
            <Callout.Text key={i}>{n}</Callout.Text>
          ))}
        </Callout.Root>
      ) : null}
      {s.preflightError ? <ErrorCallout error={s.preflightError} testId="panel-preflight-error" /> : null}
      {s.preflight ? (
        <Callout.Root
          color={s.preflight.ok === true ? 'green' : s.preflight.ok === false ? 'red' : 'amber'}
          data-testid="panel-preflight-result"
        >
          <Callout.Text>
            <strong>The provider:</strong> {s.preflight.message}
            {s.preflight.hint ? (
              <>
                <br />
                {s.preflight.hint}
              </>
            ) : null}
          </Callout.Text>
        </Callout.Root>
      ) : null}

      <Flex gap="3" wrap="wrap">
        <Button variant="soft" data-testid="panel-verify" onClick={() => void s.verifyPanel()} disabled={!!s.panelBusy}>
          Check again
        </Button>
        <Button data-testid="panel-open-login" onClick={() => void s.openPanelLogin()} disabled={!!s.panelBusy}>
          Open the panel’s login in the browser
        </Button>
        <Button variant="soft" color="gray" data-testid="panel-push-again" onClick={() => void s.makePlan()} disabled={!!s.panelBusy}>
          Review changes to push again
        </Button>
      </Flex>
      <Text as="p" size="1" color="gray">
        After registering the redirect URL at the provider, log in once through the panel: its success page is the final proof.
      </Text>
      {s.verification?.login_advice.map((a, i) => (
        <Text as="p" key={i} size="1" color="gray" data-testid="panel-login-advice">
          {a}
        </Text>
      ))}
    </Flex>
  )
}
