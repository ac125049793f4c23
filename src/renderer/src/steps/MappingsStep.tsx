import { Badge, Box, Button, Callout, Card, Code, Flex, Grid, Heading, IconButton, Text, TextField, Checkbox } from '@radix-ui/themes'
import { useEffect, useMemo, useState } from 'react'
import { parseDocument } from '../../../core/jsonpath/document'
import type { Mapping, MappingEntry } from '../../../shared/mappings'
import type { MappingExplanation } from '../../../shared/schemas/mappings'
import { JsonTree } from '../components/JsonTree'
import { MatcherEditor } from '../components/mappings/MatcherEditor'
import { MappingTargetEditor } from '../components/mappings/MappingTargetEditor'
import { asMatcher, nodeAt, replaceAt } from '../components/mappings/matcher-tree'
import { AddSampleForm } from '../components/mappings/SampleEditor'
import { useWizard } from '../store'
import { samplesOf } from '../store/mappings-slice'

/** Wait after the last edit before testing again. */
const TEST_DELAY_MS = 200

function useLiveMappingTest(): void {
  const mappings = useWizard((s) => s.mappings)
  const samples = useWizard((s) => s.mappingSamples)
  const userinfo = useWizard((s) => s.userinfo)
  const scope = useWizard((s) => s.mainGrantedScope)
  const login = useWizard((s) => s.loginResult)
  const complete = useWizard((s) => s.pickersComplete)
  const roles = useWizard((s) => s.pickRoles)
  const servers = useWizard((s) => s.pickServers)
  const run = useWizard((s) => s.runMappingTest)
  useEffect(() => {
    const t = setTimeout(() => void run(), TEST_DELAY_MS)
    return () => clearTimeout(t)
  }, [mappings, samples, userinfo, scope, login, roles, servers, complete, run])
}

/**
 * The role and server mappings: a matcher builder (paths picked in the userinfo tree), what
 * each mapping grants, and the live test: every mapping on every userinfo sample, matched or
 * not and why, and the outcome for each user side by side. Evaluation is the panel's code
 * (the engine), behind `mappings:test`.
 */
export function MappingsStep() {
  const mappings = useWizard((s) => s.mappings)
  const setMappings = useWizard((s) => s.setMappings)
  const addMapping = useWizard((s) => s.addMapping)
  const test = useWizard((s) => s.mappingTest)
  const testError = useWizard((s) => s.mappingTestError)
  const loadPickers = useWizard((s) => s.loadPickers)
  const apiKeySet = useWizard((s) => s.apiKeySet)
  const panelUrl = useWizard((s) => s.panelUrl)
  const pickersError = useWizard((s) => s.pickersError)
  const pickRoles = useWizard((s) => s.pickRoles)
  useLiveMappingTest()
  useEffect(() => {
    void loadPickers()
  }, [loadPickers, apiKeySet, panelUrl])

  return (
    <Flex direction="column" gap="4">
      <Box>
        <Heading as="h2" size="5">
          Mappings
        </Heading>
        <Text as="p" size="2" color="gray">
          At every login (and at registration and account linking) the panel runs these tests on the userinfo answer and the granted scopes,
          in this order, and sets the user’s role or server access. It runs them silently: try them here on real answers first.
        </Text>
      </Box>
      {pickersError ? (
        <Callout.Root color="amber" data-testid="pickers-error">
          <Callout.Text>
            Roles and servers could not be read from the panel ({pickersError.message}); type their uuids instead.
          </Callout.Text>
        </Callout.Root>
      ) : !apiKeySet || !panelUrl ? (
        <Text size="1" color="gray" data-testid="pickers-offline">
          No panel connected: type role and server uuids. Connect a panel (Export or push step) to pick them from a list.
        </Text>
      ) : pickRoles.length ? null : null}

      {mappings === null ? (
        <Callout.Root color="gray" data-testid="mappings-unmanaged">
          <Callout.Text>
            This draft leaves the panel’s mappings alone: a push neither adds nor removes any. Add a mapping to manage them here; the panel
            will then have exactly the mappings of this list.
          </Callout.Text>
        </Callout.Root>
      ) : (
        <Flex justify="between" align="center" wrap="wrap" gap="2">
          <Text size="2" data-testid="mappings-managed">
            {mappings.length === 1
              ? 'A push makes the panel have exactly this one mapping.'
              : `A push makes the panel have exactly these ${mappings.length} mappings, in this order.`}
          </Text>
          <Button size="1" variant="ghost" color="gray" onClick={() => setMappings(null)} data-testid="mappings-unmanage">
            Leave the panel’s mappings alone instead
          </Button>
        </Flex>
      )}

      <Samples />

      {test && test.problems.length ? (
        <Callout.Root color="red" role="alert" data-testid="mappings-invalid">
          <Callout.Text>
            The panel would refuse {test.problems.length === 1 ? 'this' : 'these'}: {test.problems.join('; ')}.
          </Callout.Text>
        </Callout.Root>
      ) : null}
      {testError ? (
        <Callout.Root color="red" role="alert" data-testid="mappings-test-error">
          <Callout.Text>{testError.message}</Callout.Text>
        </Callout.Root>
      ) : null}

      <Grid columns={{ initial: '1', md: '3fr 2fr' }} gap="4" align="start">
        <Flex direction="column" gap="3">
          {(mappings ?? []).map((entry, i) => (
            <MappingCard key={i} index={i} entry={entry} count={mappings!.length} />
          ))}
          <Flex gap="2" wrap="wrap">
            <Button data-testid="add-role-mapping" onClick={() => addMapping('role')}>
              + Role mapping
            </Button>
            <Button data-testid="add-server-mapping" variant="soft" onClick={() => addMapping('server_subuser')}>
              + Server access mapping
            </Button>
          </Flex>
        </Flex>
        <UserinfoPicker />
      </Grid>

      <Outcomes />
    </Flex>
  )
}

function ResultLine({ label, e }: { label: string; e: MappingExplanation }) {
  const color = e.matched === null ? 'red' : e.matched ? 'green' : 'gray'
  return (
    <Box data-testid="mapping-result" data-matched={e.matched === null ? 'invalid' : String(e.matched)}>
      <Flex gap="2" align="center">
        <Badge color={color}>{e.matched === null ? 'invalid' : e.matched ? 'matches' : 'no match'}</Badge>
        <Text size="1" weight="bold">
          {label}
        </Text>
      </Flex>
      <Text as="p" size="1">
        {e.explanation}
      </Text>
      {e.nearest_miss ? (
        <Text as="p" size="1" color="amber">
          Nearest miss: {e.nearest_miss}
        </Text>
      ) : null}
    </Box>
  )
}

function MappingCard({ index, entry, count }: { index: number; entry: MappingEntry; count: number }) {
  const update = useWizard((s) => s.updateMapping)
  const remove = useWizard((s) => s.removeMapping)
  const move = useWizard((s) => s.moveMapping)
  const pathTarget = useWizard((s) => s.pathTarget)
  const setTarget = useWizard((s) => s.setPathTarget)
  const roles = useWizard((s) => s.pickRoles)
  const servers = useWizard((s) => s.pickServers)
  const groups = useWizard((s) => s.permissionGroups)
  const test = useWizard((s) => s.mappingTest)
  const matcher = asMatcher(entry.matcher)
  const mapping = entry.mapping as Mapping
  const valid = test?.entry_valid[index]
  return (
    <Card data-testid={`mapping-${index}`} aria-labelledby={`mapping-${index}-title`}>
      <Flex justify="between" align="center" mb="2">
        <Heading as="h3" size="3" id={`mapping-${index}-title`}>
          Mapping {index + 1}
          {valid === false ? (
            <Badge color="red" ml="2">
              invalid
            </Badge>
          ) : null}
        </Heading>
        <Flex gap="1">
          <IconButton
            size="1"
            variant="soft"
            aria-label={`Move mapping ${index + 1} up`}
            disabled={index === 0}
            onClick={() => move(index, -1)}
          >
            <Text aria-hidden>↑</Text>
          </IconButton>
          <IconButton
            size="1"
            variant="soft"
            aria-label={`Move mapping ${index + 1} down`}
            disabled={index === count - 1}
            onClick={() => move(index, 1)}
          >
            <Text aria-hidden>↓</Text>
          </IconButton>
          <IconButton size="1" variant="soft" color="red" aria-label={`Remove mapping ${index + 1}`} onClick={() => remove(index)}>
            <Text aria-hidden>×</Text>
          </IconButton>
        </Flex>
      </Flex>
      <Text size="1" weight="bold" color="gray">
        If
      </Text>
      {matcher ? (
        <MatcherEditor
          matcher={matcher}
          depth={0}
          index={index}
          node={[]}
          pathTarget={pathTarget}
          onChange={(m) => update(index, { ...entry, matcher: m })}
          onTarget={setTarget}
        />
      ) : (
        <RawJson index={index} entry={entry} />
      )}
      <Box mt="3">
        <MappingTargetEditor
          index={index}
          mapping={mapping}
          roles={roles}
          servers={servers}
          permissionGroups={groups}
          onChange={(m) => update(index, { ...entry, mapping: m })}
        />
      </Box>
      {test ? (
        <Flex direction="column" gap="2" mt="3" aria-live="polite">
          {test.samples.map((s, k) => (s.mappings[index] ? <ResultLine key={k} label={s.label} e={s.mappings[index]!} /> : null))}
        </Flex>
      ) : null}
    </Card>
  )
}

/** A matcher the builder cannot draw (from an imported file): edited as JSON, nothing lost. */
function RawJson({ index, entry }: { index: number; entry: MappingEntry }) {
  const update = useWizard((s) => s.updateMapping)
  const [text, setText] = useState(JSON.stringify(entry.matcher, null, 2))
  const [bad, setBad] = useState(false)
  return (
    <Box>
      <Text as="label" htmlFor={`m${index}-raw`} size="1" color="gray">
        Matcher JSON (the builder cannot show this shape; the panel’s validation below says what is wrong)
      </Text>
      <TextField.Root
        id={`m${index}-raw`}
        value={text}
        aria-invalid={bad || undefined}
        onChange={(e) => {
          setText(e.target.value)
          try {
            update(index, { ...entry, matcher: JSON.parse(e.target.value) })
            setBad(false)
          } catch {
            setBad(true)
          }
        }}
      />
    </Box>
  )
}

function Samples() {
  const samples = useWizard((s) => s.mappingSamples)
  const add = useWizard((s) => s.addSample)
  const remove = useWizard((s) => s.removeSample)
  const userinfo = useWizard((s) => s.userinfo)
  const login = useWizard((s) => s.loginResult)
  const scope = useWizard((s) => s.mainGrantedScope)
  const setScope = useWizard((s) => s.setMainGrantedScope)
  const fromLogin = userinfo?.source === 'login' && login !== null
  return (
    <Grid columns={{ initial: '1', md: '2' }} gap="3">
      <Card>
        <Heading as="h3" size="3" mb="2">
          Userinfo samples
        </Heading>
        <Flex direction="column" gap="2">
          {userinfo ? (
            <Box data-testid="sample-main">
              <Text size="2" weight="bold">
                {fromLogin ? 'Test login' : 'Userinfo'}
              </Text>{' '}
              <Text size="1" color="gray">
                (from the Claims step)
              </Text>
              {fromLogin ? (
                <Text as="p" size="1" color="gray">
                  Granted scope: {login!.token.scope === null ? 'none sent' : <Code>{login!.token.scope}</Code>}
                </Text>
              ) : (
                <Flex gap="2" align="center" wrap="wrap" mt="1">
                  <Text as="label" size="1">
                    <Flex gap="1" align="center">
                      <Checkbox checked={scope !== null} onCheckedChange={(v) => setScope(v ? '' : null)} data-testid="main-has-scope" />
                      Token response had a <code>scope</code>
                    </Flex>
                  </Text>
                  {scope !== null ? (
                    <TextField.Root
                      size="1"
                      aria-label="Granted scope of the main userinfo"
                      data-testid="main-scope"
                      value={scope}
                      onChange={(e) => setScope(e.target.value)}
                    />
                  ) : null}
                </Flex>
              )}
            </Box>
          ) : (
            <Text size="1" color="gray">
              No userinfo from a test login yet (Claims step). Add samples here, e.g. an admin’s and an ordinary user’s answer.
            </Text>
          )}
          {samples.map((s, i) => (
            <Flex key={i} justify="between" align="center" data-testid={`sample-${i}`}>
              <Text size="2">
                {s.label}{' '}
                <Text size="1" color="gray">
                  {s.granted_scope === null ? '(no scope)' : `(scope “${s.granted_scope}”)`}
                </Text>
              </Text>
              <Button size="1" variant="ghost" color="red" onClick={() => remove(i)} aria-label={`Remove sample ${s.label}`}>
                Remove
              </Button>
            </Flex>
          ))}
        </Flex>
      </Card>
      <AddSampleForm onAdd={add} count={samples.length + (userinfo ? 1 : 0)} />
    </Grid>
  )
}

function UserinfoPicker() {
  const extra = useWizard((s) => s.mappingSamples)
  const userinfo = useWizard((s) => s.userinfo)
  const login = useWizard((s) => s.loginResult)
  const scope = useWizard((s) => s.mainGrantedScope)
  const list = useMemo(() => samplesOf(userinfo, login, scope, extra), [userinfo, login, scope, extra])
  const [which, setWhich] = useState(0)
  const sample = list[Math.min(which, list.length - 1)]
  const doc = useMemo(() => (sample ? parseDocument(sample.body) : null), [sample])
  const target = useWizard((s) => s.pathTarget)
  const mappings = useWizard((s) => s.mappings)
  const update = useWizard((s) => s.updateMapping)
  const entry = target ? mappings?.[target.index] : undefined
  const matcher = entry ? asMatcher(entry.matcher) : null
  const node = matcher && target ? nodeAt(matcher, target.node) : null
  const canFill = node !== null && 'path' in node
  const pick = (path: string): void => {
    if (!target || !entry || !matcher || !canFill) return
    update(target.index, { ...entry, matcher: replaceAt(matcher, target.node, (m) => ('path' in m ? { ...m, path } : m)) })
    document.getElementById(`m${target.index}-n${target.node.join('-') || 'root'}-path`)?.focus()
  }
  if (!sample) return null
  return (
    <Card>
      <Flex justify="between" align="center" gap="2" wrap="wrap" mb="2">
        <Heading as="h3" size="3">
          Userinfo
        </Heading>
        {list.length > 1 ? (
          <Flex gap="1" role="group" aria-label="Sample shown">
            {list.map((s, i) => (
              <Button key={i} size="1" variant={i === which ? 'solid' : 'soft'} aria-pressed={i === which} onClick={() => setWhich(i)}>
                {s.label}
              </Button>
            ))}
          </Flex>
        ) : null}
      </Flex>
      <Text size="1" color="gray" id="tree-target" data-testid="mapping-tree-target">
        {canFill ? `A click fills the path of mapping ${target!.index + 1}.` : 'Focus a path field of a test, then click a value here.'}
      </Text>
      {doc?.ok ? (
        <Box style={{ maxHeight: '28rem', overflow: 'auto' }} mt="2">
          <JsonTree root={doc.root} onPick={pick} matched={new Set()} targetLabel={canFill ? `mapping ${target!.index + 1}` : 'a test'} />
        </Box>
      ) : (
        <Text size="1" color="red">
          {doc && !doc.ok ? `Not JSON: ${doc.message}` : ''}
        </Text>
      )}
    </Card>
  )
}

function Outcomes() {
  const test = useWizard((s) => s.mappingTest)
  const roles = useWizard((s) => s.pickRoles)
  const servers = useWizard((s) => s.pickServers)
  if (!test || test.samples.length === 0) return null
  const name = (uuid: string): string => {
    const hit = [...roles, ...servers].find((x) => x.uuid === uuid)
    return hit ? `${hit.name} (${uuid})` : uuid
  }
  const named = (line: string): string => line.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (u) => name(u))
  return (
    <Box>
      <Heading as="h3" size="4" mb="2">
        Outcome for a new user
      </Heading>
      {test.warnings.length ? (
        <Callout.Root color="amber" mb="3" data-testid="mapping-warnings">
          <Callout.Text>
            {test.warnings.map((w, i) => (
              <Text as="span" key={i} style={{ display: 'block' }}>
                {named(w)}
              </Text>
            ))}
          </Callout.Text>
        </Callout.Root>
      ) : null}
      <Grid columns={{ initial: '1', sm: String(Math.min(test.samples.length, 3)) }} gap="3">
        {test.samples.map((s, k) => (
          <Card key={k} data-testid={`outcome-${k}`}>
            <Heading as="h4" size="3" mb="1">
              {s.label}
            </Heading>
            {s.summary.map((l, i) => (
              <Text as="p" size="2" key={i}>
                {named(l)}
              </Text>
            ))}
            {s.warnings.map((w, i) => (
              <Text as="p" size="1" color="amber" key={i}>
                {named(w)}
              </Text>
            ))}
          </Card>
        ))}
      </Grid>
    </Box>
  )
}
