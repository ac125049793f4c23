import { Badge, Box, Button, Callout, Code, Flex, Heading, Link, Spinner, Switch, Text } from '@radix-ui/themes'
import { ErrorCallout } from '../ErrorCallout'
import { useTestLoginReadiness } from '../../hooks/useTestLoginReadiness'
import { useWizard } from '../../store'

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
export function TestLogin({ compact = false }: { compact?: boolean }) {
  const { missing } = useTestLoginReadiness()
  const canStart = missing.length === 0
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
      {compact ? null : (
        <Heading as="h3" size="3">
          Test login
        </Heading>
      )}
      {compact ? null : (
        <Text as="p" size="2" color="gray">
          Log in once at the provider, exactly as the panel will (no PKCE, no nonce): the assistant then shows the userinfo answer the panel
          will read.
        </Text>
      )}
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
        <Text as="p" size="1" color="gray" id="login-missing" data-testid="login-missing">
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
              {result.userinfo.content_type ? `, ${result.userinfo.content_type}` : ''}) is now in{' '}
              {compact ? 'the tester below' : 'the Claims step’s tester'}.
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
          {compact ? null : (
            <>
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
            </>
          )}
          {compact ? null : (
            <Box>
              <Button type="button" variant="soft" onClick={() => goTo('claims')} data-testid="login-to-claims">
                Check the paths against it
              </Button>
            </Box>
          )}
        </Flex>
      ) : null}
    </Flex>
  )
}
