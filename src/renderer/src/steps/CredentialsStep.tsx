import { Badge, Box, Button, Callout, Code, Flex, Heading, Link, Spinner, Switch, Text, TextField } from '@radix-ui/themes'
import { useEffect, useState } from 'react'
import { isLoginPortText, LOGIN_PORT_MESSAGE, loginRedirectUri, panelRedirectUri } from '../../../shared/login'
import { ErrorCallout } from '../components/ErrorCallout'
import { FieldProblems } from '../components/FieldProblems'
import { TextInput } from '../components/TextInput'
import { useRuleProblems } from '../hooks/useRuleProblems'
import { useWizard } from '../store'

/** Copies text to the clipboard and says so for a moment. */
function CopyButton({ text, testId, label }: { text: string; testId: string; label: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <Button
      type="button"
      size="1"
      variant="soft"
      data-testid={testId}
      aria-label={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => {
            setCopied(true)
            setTimeout(() => setCopied(false), 1500)
          },
          () => undefined
        )
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </Button>
  )
}

/** The client secret, write-only: typed once, then only "set / replace / clear". */
function SecretField() {
  const status = useWizard((s) => s.vaultStatus)
  const vaultError = useWizard((s) => s.vaultError)
  const save = useWizard((s) => s.saveClientSecret)
  const clear = useWizard((s) => s.clearClientSecret)
  const answerWeak = useWizard((s) => s.answerWeakStorage)
  const problems = useRuleProblems().client_secret
  const [value, setValue] = useState('')
  const [replacing, setReplacing] = useState(false)
  const isSet = status?.set === true
  const editing = !isSet || replacing

  const submit = async (): Promise<void> => {
    if (value === '') return
    if (await save(value)) {
      setValue('')
      setReplacing(false)
    }
  }

  return (
    <Flex direction="column" gap="2">
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void submit()
          }}
        >
          <Text as="label" htmlFor="client_secret" size="2" weight="medium">
            Client Secret <Text color="gray">(required)</Text>
          </Text>
          <Text as="p" id="client_secret-desc" size="1" color="gray">
            Sent to the assistant’s core once and kept there; this page never sees it again. 3–255 characters (the panel’s rule).
          </Text>
          <Flex gap="2" mt="1">
            <Box flexGrow="1">
              <TextField.Root
                id="client_secret"
                data-testid="field-client_secret"
                type="password"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                aria-describedby={problems?.length ? 'client_secret-desc client_secret-problems' : 'client_secret-desc'}
                aria-invalid={value !== '' && (value.length < 3 || value.length > 255) ? true : undefined}
              />
            </Box>
            <Button type="submit" data-testid="secret-save" disabled={value === ''}>
              Save secret
            </Button>
            {replacing ? (
              <Button
                type="button"
                variant="soft"
                color="gray"
                data-testid="secret-replace-cancel"
                onClick={() => {
                  setValue('')
                  setReplacing(false)
                }}
              >
                Keep the current one
              </Button>
            ) : null}
          </Flex>
          {value !== '' && (value.length < 3 || value.length > 255) ? (
            <Text as="p" size="1" color="amber" highContrast mt="1">
              The panel accepts a client secret of 3 to 255 characters; this one has {value.length}.
            </Text>
          ) : null}
        </form>
      ) : (
        <Box>
          <Text as="p" size="2" weight="medium">
            Client Secret
          </Text>
          <Flex gap="2" align="center" mt="1">
            <Badge highContrast color="green" data-testid="secret-status">
              Set
            </Badge>
            <Button type="button" size="1" variant="soft" data-testid="secret-replace" onClick={() => setReplacing(true)}>
              Replace
            </Button>
            <Button type="button" size="1" variant="soft" color="red" data-testid="secret-clear" onClick={() => void clear()}>
              Clear
            </Button>
          </Flex>
        </Box>
      )}
      <FieldProblems id="client_secret-problems" label="Client Secret" problems={problems} />
      {status ? (
        <Callout.Root highContrast size="1" color={status.kind === 'os-keychain' ? 'gray' : 'amber'} data-testid="secret-storage-notice">
          <Callout.Text>{status.description}</Callout.Text>
        </Callout.Root>
      ) : null}
      {status?.kind === 'weak-keychain' && status.weak_consent === null && isSet ? (
        <Callout.Root highContrast size="1" color="amber" data-testid="weak-storage-question">
          <Callout.Text>
            Save the secret to disk anyway, protected only by a fixed key? Without it, you will type it again after restarting the
            assistant.
          </Callout.Text>
          <Flex gap="2" mt="2">
            <Button type="button" size="1" data-testid="weak-storage-allow" onClick={() => void answerWeak(true)}>
              Save to disk
            </Button>
            <Button type="button" size="1" variant="soft" data-testid="weak-storage-deny" onClick={() => void answerWeak(false)}>
              Keep in memory only
            </Button>
          </Flex>
        </Callout.Root>
      ) : null}
      {vaultError ? <ErrorCallout error={vaultError} testId="secret-error" /> : null}
    </Flex>
  )
}

/** Facts from an error's evidence (both redirect URIs, scopes_supported…), one per line. */
function EvidenceDetails({ details }: { details: Record<string, unknown> | undefined }) {
  if (!details || Object.keys(details).length === 0) return null
  const labels: Record<string, string> = {
    sentRedirectUri: 'Redirect URI the test login sent',
    panelRedirectUri: 'Redirect URL the panel sends',
    requested: 'Requested scopes',
    scopes_supported: 'scopes_supported',
    tried: 'Client authentication tried',
    error: 'error',
    error_description: 'error_description',
    claimsInJwt: 'Claims inside the JWT',
    'www-authenticate': 'WWW-Authenticate'
  }
  return (
    <Box data-testid="login-error-details" mt="2">
      {Object.entries(details).map(([k, v]) => (
        <Text as="p" size="1" key={k}>
          <Text weight="medium">{labels[k] ?? k}:</Text> <Code size="1">{Array.isArray(v) ? v.join(', ') : String(v)}</Code>
        </Text>
      ))}
    </Box>
  )
}

/** The test login: progress, cancel, and what came back. */
function TestLogin({ canStart, missing }: { canStart: boolean; missing: string[] }) {
  const status = useWizard((s) => s.loginStatus)
  const started = useWizard((s) => s.loginStarted)
  const result = useWizard((s) => s.loginResult)
  const error = useWizard((s) => s.loginError)
  const start = useWizard((s) => s.startTestLogin)
  const cancelLogin = useWizard((s) => s.cancelTestLogin)
  const extraChecks = useWizard((s) => s.extraChecks)
  const setExtraChecks = useWizard((s) => s.setExtraChecks)
  const goTo = useWizard((s) => s.goTo)
  const busy = status === 'starting' || status === 'waiting'

  return (
    <Flex direction="column" gap="3">
      <Heading as="h3" size="3">
        Test login
      </Heading>
      <Text as="p" size="2" color="gray">
        Log in once at the provider, exactly as the panel will (no PKCE, no nonce): the assistant then shows the userinfo answer the panel
        will read.
      </Text>
      <Flex gap="3" align="start">
        <Switch
          id="extra_checks"
          data-testid="switch-extra_checks"
          checked={extraChecks}
          onCheckedChange={setExtraChecks}
          aria-describedby="extra_checks-desc"
          mt="1"
          disabled={busy}
        />
        <Box>
          <Text as="label" htmlFor="extra_checks" size="2" weight="medium">
            Extra checks (nonce and PKCE)
          </Text>
          <Text as="p" size="1" color="gray" id="extra_checks-desc">
            Off by default: the panel sends neither, and a test with them can pass where the panel’s real login fails.
          </Text>
        </Box>
      </Flex>
      <Flex gap="2" align="center">
        {busy ? (
          <Button type="button" variant="soft" color="gray" onClick={() => void cancelLogin()} data-testid="login-cancel">
            Cancel
          </Button>
        ) : (
          <Button
            type="button"
            onClick={() => void start()}
            disabled={!canStart}
            data-testid="login-start"
            aria-describedby={canStart ? undefined : 'login-missing'}
          >
            Test login
          </Button>
        )}
        {busy ? (
          <Flex gap="2" align="center" role="status" data-testid="login-progress">
            <Spinner />
            <Text size="2">
              {status === 'starting' ? 'Checking the provider accepts the request…' : 'Waiting for you to log in at the provider…'}
            </Text>
          </Flex>
        ) : null}
      </Flex>
      {!canStart && !busy ? (
        <Text as="p" size="1" color="gray" id="login-missing">
          Needed first: {missing.join(', ')}.
        </Text>
      ) : null}
      {status === 'waiting' && started ? (
        <Text as="p" size="2">
          {started.opened ? 'The login page opened in your browser. ' : ''}
          <Link href={started.authorizationUrl} target="_blank" rel="noreferrer" data-testid="login-open-link">
            {started.opened ? 'Open it again' : 'Open the provider’s login page'}
          </Link>
        </Text>
      ) : null}
      {status === 'cancelled' ? (
        <Text as="p" size="2" color="gray" data-testid="login-cancelled">
          Test login cancelled.
        </Text>
      ) : null}
      {status === 'error' && error ? (
        <Box data-testid="login-error">
          <ErrorCallout error={error} testId="login-diagnosis" />
          <EvidenceDetails details={error.evidence?.details} />
        </Box>
      ) : null}
      {status === 'done' && result ? (
        <Flex direction="column" gap="2" data-testid="login-result">
          <Callout.Root highContrast color="green" size="1">
            <Callout.Text>
              The login worked with {result.token_endpoint_auth} (Basic Auth {result.basic_auth ? 'on' : 'off'}). The userinfo answer (
              {result.userinfo.status}
              {result.userinfo.content_type ? `, ${result.userinfo.content_type}` : ''}) is now in the Claims step’s tester.
            </Callout.Text>
          </Callout.Root>
          {result.findings.map((f, i) => (
            <Callout.Root
              highContrast
              key={i}
              size="1"
              color={f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'amber' : 'gray'}
              data-testid={`login-finding-${f.code}`}
            >
              <Callout.Text>
                {f.message}
                {f.hint ? (
                  <>
                    <br />
                    {f.hint}
                  </>
                ) : null}
              </Callout.Text>
            </Callout.Root>
          ))}
          <Text as="p" size="2" weight="medium">
            Userinfo, as the panel receives it
          </Text>
          <Code
            size="1"
            variant="ghost"
            data-testid="login-userinfo"
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', display: 'block', maxHeight: '14rem', overflow: 'auto' }}
          >
            {result.userinfo.text}
          </Code>
          {result.id_token_claims ? (
            <>
              <Text as="p" size="2" weight="medium">
                ID token claims{' '}
                <Badge highContrast color={result.id_token?.verified ? 'green' : 'amber'} data-testid="login-id-token-badge">
                  {result.id_token?.verified ? 'verified' : 'not verified'}
                </Badge>{' '}
                <Text size="1" color="gray">
                  (the panel does not read these)
                </Text>
              </Text>
              <Code
                size="1"
                variant="ghost"
                data-testid="login-id-token"
                style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', display: 'block', maxHeight: '10rem', overflow: 'auto' }}
              >
                {JSON.stringify(result.id_token_claims, null, 2)}
              </Code>
            </>
          ) : null}
          <Box>
            <Button type="button" variant="soft" onClick={() => goTo('claims')} data-testid="login-to-claims">
              Check the paths against it
            </Button>
          </Box>
        </Flex>
      ) : null}
    </Flex>
  )
}

/** Step 4: the client the admin registered at the provider, its secret, and a real test login. */
export function CredentialsStep() {
  const config = useWizard((s) => s.config)
  const setField = useWizard((s) => s.setField)
  const discovery = useWizard((s) => s.discovery)
  const check = useWizard((s) => s.check)
  const draftId = useWizard((s) => s.draftId)
  const vaultStatus = useWizard((s) => s.vaultStatus)
  const refreshSecretStatus = useWizard((s) => s.refreshSecretStatus)
  const port = useWizard((s) => s.loginPort)
  const setPort = useWizard((s) => s.setLoginPort)
  const busy = useWizard((s) => s.loginStatus === 'starting' || s.loginStatus === 'waiting')
  const problems = useRuleProblems()
  const [portText, setPortText] = useState(String(port))

  useEffect(() => {
    void refreshSecretStatus()
  }, [draftId, refreshSecretStatus])

  const portValid = isLoginPortText(portText)
  const testUri = loginRedirectUri(portValid ? Number(portText) : port)
  const panelUri = panelRedirectUri(check?.app_url ?? '{app.url}')
  const missing = [
    config.client_id.trim() === '' ? 'Client ID' : '',
    vaultStatus?.set ? '' : 'Client Secret',
    config.auth_url && config.token_url && config.info_url ? '' : 'the Auth, Token and Info URLs (Discover step)',
    portValid ? '' : 'a valid port'
  ].filter(Boolean)
  const recommended = discovery ? discovery.basic_auth : null

  return (
    <Flex direction="column" gap="4">
      <Box>
        <Heading as="h2" size="5">
          Client credentials
        </Heading>
        <Text as="p" size="2" color="gray">
          Create a confidential client (with a secret) at your provider, then enter what it gives you.
        </Text>
      </Box>

      <Flex direction="column" gap="2" data-testid="redirect-uris">
        <Heading as="h3" size="3">
          Redirect URIs to register at the provider
        </Heading>
        <Box>
          <Text as="p" size="2" weight="medium">
            For the panel
          </Text>
          <Flex gap="2" align="center">
            <Code size="2" data-testid="panel-redirect-uri">
              {panelUri}
            </Code>
            {check?.app_url ? <CopyButton text={panelUri} testId="copy-panel-redirect" label="Copy the panel’s redirect URL" /> : null}
          </Flex>
          <Text as="p" size="1" color="gray">
            The uuid exists once the provider is created in the panel: finish this entry at the provider after pushing.
          </Text>
        </Box>
        <Box>
          <Text as="p" size="2" weight="medium">
            For the assistant’s test login
          </Text>
          <Flex gap="2" align="center">
            <Code size="2" data-testid="test-redirect-uri">
              {testUri}
            </Code>
            <CopyButton text={testUri} testId="copy-test-redirect" label="Copy the test login’s redirect URI" />
          </Flex>
        </Box>
        <Box maxWidth="16rem">
          <TextInput
            id="login_port"
            label="Test login port"
            monospace
            value={portText}
            onChange={(v) => {
              setPortText(v)
              if (isLoginPortText(v)) setPort(Number(v))
            }}
            description="Change it only if the port is taken; then register the new URI."
            problems={portValid ? [] : [{ field: 'login_port', severity: 'error', message: LOGIN_PORT_MESSAGE }]}
          />
        </Box>
      </Flex>

      <TextInput
        id="client_id"
        label="Client ID"
        required
        monospace
        value={config.client_id}
        onChange={(v) => setField('client_id', v)}
        problems={problems.client_id}
      />
      <SecretField />

      <Flex gap="3" align="start">
        <Switch
          id="basic_auth"
          data-testid="switch-basic_auth"
          checked={config.basic_auth}
          onCheckedChange={(v) => setField('basic_auth', v)}
          aria-describedby="basic_auth-desc"
          mt="1"
          disabled={busy}
        />
        <Box>
          <Text as="label" htmlFor="basic_auth" size="2" weight="medium">
            Basic Auth: {config.basic_auth ? 'on (client_secret_basic)' : 'off (client_secret_post)'}
          </Text>
          <Text as="p" size="1" color="gray" id="basic_auth-desc">
            {config.basic_auth
              ? 'The panel sends the client id and secret in the Authorization header of the token request.'
              : 'The panel sends the client id and secret in the body of the token request.'}
          </Text>
          {discovery ? (
            <Text as="p" size="1" data-testid="basic_auth-recommendation">
              Recommended from discovery: <Text weight="medium">{recommended ? 'on' : 'off'}</Text>. {discovery.basic_auth_reason}
            </Text>
          ) : null}
        </Box>
      </Flex>

      <TestLogin canStart={missing.length === 0} missing={missing} />
    </Flex>
  )
}
