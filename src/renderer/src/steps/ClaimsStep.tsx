import { Badge, Box, Button, Callout, Card, Code, DataList, Flex, Grid, Heading, Text, TextArea } from '@radix-ui/themes'
import { useMemo, useRef, useState } from 'react'
import { parseDocument } from '../../../core/jsonpath/document'
import { FIELD_PATH, PATH_FIELD_VALUE as FIELD_OF } from '../../../core/jsonpath/fields'
import type { FieldPreview, RegistrationPreview } from '../../../core/registration/preview'
import { FIELD_LABELS, PATH_FIELDS, type PathField } from '../../../shared/provider'
import { InPlaceTestLogin } from '../components/credentials/InPlaceTestLogin'
import { JsonTree } from '../components/JsonTree'
import { TextInput } from '../components/TextInput'
import { useClaimsTester, type ClaimsResult, type Evaluator } from '../hooks/useClaimsTester'
import { useRuleProblems } from '../hooks/useRuleProblems'
import { useWizard } from '../store'

export const PATH_HELP: Record<PathField, string> = {
  identifier_path: 'Required. A value that never changes for a user, usually $.sub.',
  email_path: 'Usually $.email. Empty: the panel generates a random address at oauth.c7s.rs.',
  username_path: 'Usually $.preferred_username. Must give 3–15 letters, digits or _. Empty: the panel generates one.',
  name_first_path: 'Usually $.given_name. Empty: the panel stores “First”.',
  name_last_path: 'Usually $.family_name. Empty: the panel stores “Last”.'
}

const SEVERITY_COLOR = { error: 'red', warning: 'amber', info: 'gray' } as const

/**
 * Step 2: the five JSONPath expressions, with the live tester: the userinfo document as
 * a tree (click a value to use its path), each path evaluated as the panel does on every
 * keystroke (in a worker), and the first login's outcome always in view.
 */
export function ClaimsStep() {
  const config = useWizard((s) => s.config)
  const setField = useWizard((s) => s.setField)
  const userinfo = useWizard((s) => s.userinfo)
  const problems = useRuleProblems()
  const { result, error, evaluator } = useClaimsTester()
  const [target, setTarget] = useState<PathField>('identifier_path')
  // Paths a fix just replaced: the tester showed them failing, so they are not offered again.
  const [replaced, setReplaced] = useState<Partial<Record<PathField, string[]>>>({})

  // The tree is drawn from the main thread's own parse (once per document).
  const doc = useMemo(() => (userinfo ? parseDocument(userinfo.text) : null), [userinfo])
  const fields = result?.preview.fields ?? null
  const matched = useMemo(() => new Set(fields?.[FIELD_OF[target]].nodes.map((n) => n.path) ?? []), [fields, target])

  const setPath = (f: PathField, v: string | null): void => setField(f, f === 'identifier_path' ? (v ?? '') : v === '' ? null : v)
  const pick = (path: string): void => {
    setPath(target, path)
    // Back to the field, so the admin can refine the path by keyboard.
    document.getElementById(target)?.focus()
  }

  return (
    <Flex direction="column" gap="4">
      <Box>
        <Heading as="h2" size="5">
          Claims
        </Heading>
        <Text as="p" size="2" color="gray">
          JSONPath expressions (RFC 9535, as the panel evaluates them) that pick each value out of the provider’s userinfo answer. Test them
          against a real answer: the assistant shows exactly what the panel will store.
        </Text>
      </Box>

      <UserinfoSource />
      <InPlaceTestLogin />
      {doc && !doc.ok ? (
        <Callout.Root color="red" role="alert" data-testid="userinfo-unreadable">
          <Callout.Text>
            <Text weight="bold">The panel cannot read this document:</Text> {doc.message}. Every login would fail before any value is
            extracted.
          </Callout.Text>
        </Callout.Root>
      ) : null}
      {error ? (
        <Callout.Root color="red" role="alert" data-testid="tester-error">
          <Callout.Text>{error}</Callout.Text>
        </Callout.Root>
      ) : null}

      <Grid columns={{ initial: '1', md: '2' }} gap="4" align="start">
        <Flex direction="column" gap="4">
          {PATH_FIELDS.map((f) => (
            <Box key={f}>
              <TextInput
                id={f}
                label={FIELD_LABELS[f]}
                required={f === 'identifier_path'}
                monospace
                value={config[f] ?? ''}
                onChange={(v) => setPath(f, v)}
                onFocus={() => setTarget(f)}
                problems={problems[f]}
                description={PATH_HELP[f]}
                slot={
                  target === f && doc?.ok ? (
                    <Badge color="indigo" variant="soft" data-testid={`target-${f}`}>
                      click a value
                    </Badge>
                  ) : null
                }
              />
              {fields ? <FieldResult field={f} preview={fields[FIELD_OF[f]]} /> : null}
              {result ? (
                <Suggestions field={f} result={result} current={config[f]} hidden={replaced[f]} onUse={(p) => setPath(f, p)} />
              ) : null}
            </Box>
          ))}
        </Flex>

        <Flex direction="column" gap="4">
          <RegistrationCard
            preview={result?.preview ?? null}
            hasDocument={userinfo !== null}
            onApply={(f, v) => {
              const was = config[f]
              if (was) setReplaced((r) => ({ ...r, [f]: [...(r[f] ?? []), was] }))
              setPath(f, v)
            }}
            evaluator={evaluator}
          />
          {doc?.ok ? (
            <Card>
              <Flex justify="between" align="center" mb="2" gap="2" wrap="wrap">
                <Heading as="h3" size="3">
                  Userinfo document
                </Heading>
                <Text size="1" color="gray" id="tree-target" data-testid="tree-target">
                  A click fills <Text weight="bold">{FIELD_LABELS[target]}</Text>
                </Text>
              </Flex>
              <Box style={{ maxHeight: '32rem', overflow: 'auto' }}>
                <JsonTree root={doc.root} onPick={pick} matched={matched} targetLabel={FIELD_LABELS[target]} />
              </Box>
            </Card>
          ) : null}
        </Flex>
      </Grid>
    </Flex>
  )
}

/** The time alone for today's sample, the date too for an older one (a draft reopened days later). */
function receivedWhen(iso: string): string {
  const d = new Date(iso)
  return d.toDateString() === new Date().toDateString() ? d.toLocaleTimeString() : d.toLocaleString()
}

/** Where the document comes from: the test login, or pasted / loaded here until then. */
function UserinfoSource() {
  const userinfo = useWizard((s) => s.userinfo)
  const setUserinfo = useWizard((s) => s.setUserinfo)
  const clearUserinfo = useWizard((s) => s.clearUserinfo)
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState('')
  const [fileError, setFileError] = useState<string | null>(null)
  const file = useRef<HTMLInputElement | null>(null)

  const load = async (f: File | undefined): Promise<void> => {
    if (!f) return
    if (f.size > 5 * 1024 * 1024) {
      setFileError(`${f.name} is ${(f.size / 1024 / 1024).toFixed(1)} MB; a userinfo answer is a few KB. Pick the saved response body.`)
      return
    }
    setFileError(null)
    setUserinfo(await f.text(), 'file')
    setEditing(false)
  }

  const sourceText = {
    login: 'from the test login',
    paste: 'pasted',
    file: 'loaded from a file',
    unknown: 'saved with this draft'
  } as const
  return (
    <Card data-testid="userinfo-source">
      {userinfo && !editing ? (
        <Flex align="center" justify="between" gap="2" wrap="wrap">
          <Text size="2">
            Testing against a userinfo document <Text weight="bold">{sourceText[userinfo.source]}</Text> (
            {receivedWhen(userinfo.receivedAt)}, {userinfo.text.length.toLocaleString()} characters).
          </Text>
          <Flex gap="2">
            <Button size="1" variant="soft" onClick={() => (setDraft(userinfo.text), setEditing(true))} data-testid="userinfo-replace">
              Replace…
            </Button>
            <Button size="1" variant="soft" color="gray" onClick={clearUserinfo} data-testid="userinfo-clear">
              Clear
            </Button>
          </Flex>
        </Flex>
      ) : (
        <Flex direction="column" gap="2">
          <Text as="label" htmlFor="userinfo-text" size="2" weight="medium">
            Userinfo response (JSON)
          </Text>
          <Text as="p" id="userinfo-text-desc" size="1" color="gray">
            The test login (above, or on the Client credentials step) fills this in. Until then, paste the JSON your provider’s userinfo
            endpoint returns, or load it from a file. It stays on this computer and is never exported.
          </Text>
          <TextArea
            id="userinfo-text"
            aria-describedby="userinfo-text-desc"
            data-testid="userinfo-text"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={'{"sub": "…", "email": "…", "preferred_username": "…"}'}
            rows={6}
            spellCheck={false}
            style={{ fontFamily: 'var(--code-font-family)' }}
          />
          <Flex gap="2" wrap="wrap">
            <Button
              size="2"
              onClick={() => {
                setUserinfo(draft, 'paste')
                setEditing(false)
              }}
              disabled={draft.trim() === ''}
              data-testid="userinfo-use"
            >
              Test paths against it
            </Button>
            <Button size="2" variant="soft" onClick={() => file.current?.click()} data-testid="userinfo-file">
              Load from a file…
            </Button>
            {editing ? (
              <Button size="2" variant="ghost" color="gray" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            ) : null}
            <input
              ref={file}
              type="file"
              accept="application/json,.json,text/plain"
              hidden
              aria-label="Userinfo JSON file"
              data-testid="userinfo-file-input"
              onChange={(e) => void load(e.target.files?.[0])}
            />
          </Flex>
          {fileError ? (
            <Text size="1" color="red" role="alert">
              {fileError}
            </Text>
          ) : null}
        </Flex>
      )}
    </Card>
  )
}

/** Under each field: matches, what the panel stores, problems, and the legacy line. */
function FieldResult({ field, preview }: { field: PathField; preview: FieldPreview }) {
  // An invalid path is already said under the field itself (the panel's save rule).
  const shown = preview.problems.filter((p) => p.code !== 'value.generated' && p.code !== 'path.invalid')
  return (
    <Box mt="2" data-testid={`claim-result-${field}`} role="status" aria-live="polite">
      <Flex gap="2" align="baseline" wrap="wrap">
        <Text size="1" color="gray">
          Panel stores:
        </Text>
        {preview.outcome === 'value' ? (
          <Code size="2" data-testid={`panel-value-${field}`}>
            {preview.panelValue}
          </Code>
        ) : preview.outcome === 'generated' ? (
          <Text size="2" data-testid={`panel-value-${field}`}>
            <GeneratedValue field={field} value={preview.panelValue} />
          </Text>
        ) : (
          <Text size="2" color="red" data-testid={`panel-value-${field}`}>
            nothing — the login fails
          </Text>
        )}
        {preview.outcome === 'value' ? (
          <Text size="1" color="gray" data-testid={`matches-${field}`}>
            {preview.nodes.length === 1
              ? '1 match'
              : `${preview.nodes.length}${preview.nodes.length === 50 ? '+' : ''} matches: ${preview.nodes
                  .slice(0, 3)
                  .map((n) => n.path)
                  .join(', ')}${preview.nodes.length > 3 ? ', …' : ''}`}
          </Text>
        ) : null}
      </Flex>
      {shown.map((p, i) => (
        <Text as="p" key={i} size="1" color={SEVERITY_COLOR[p.severity]} data-testid={`claim-problem-${field}`}>
          {p.message}
        </Text>
      ))}
      {preview.ruleFailures.map((r, i) => (
        <Text as="p" key={`r${i}`} size="1" color="red" data-testid={`claim-rule-${field}`}>
          {r.message} The panel refuses the account: <Code size="1">{r.panelMessage}</Code>
        </Text>
      ))}
      {preview.legacy.message ? (
        <Text as="p" size="1" color="amber" data-testid={`legacy-${field}`}>
          {preview.legacy.message}
        </Text>
      ) : null}
    </Box>
  )
}

/** A value the panel makes up for a path left empty: random for e-mail/username, fixed for names. */
function GeneratedValue({ field, value }: { field: PathField; value: string | null }) {
  if (field === 'name_first_path' || field === 'name_last_path') {
    return (
      <>
        <Code>{value}</Code> (the panel’s default)
      </>
    )
  }
  return (
    <>
      generated by the panel, e.g. <Code>{value}</Code>
    </>
  )
}

/** Paths from the document and from claims_supported, one click away. */
function Suggestions({
  field,
  result,
  current,
  hidden,
  onUse
}: {
  field: PathField
  result: ClaimsResult
  current: string | null
  hidden: string[] | undefined
  onUse: (path: string) => void
}) {
  const list = result.suggestions[FIELD_OF[field]].filter((s) => s.path !== current && !hidden?.includes(s.path)).slice(0, 4)
  if (!list.length) return null
  return (
    <Flex gap="1" mt="1" wrap="wrap" align="center" data-testid={`suggestions-${field}`}>
      <Text size="1" color="gray">
        Try:
      </Text>
      {list.map((s, i) => (
        <Button
          key={s.path}
          size="1"
          variant="surface"
          color="gray"
          onClick={() => onUse(s.path)}
          title={
            s.value === null ? `${s.path}: advertised by the provider (claims_supported), not in this document` : `${s.path} = ${s.value}`
          }
          data-testid={`suggest-${field}-${i}`}
        >
          <Code size="1" variant="ghost">
            {s.path}
          </Code>
          {s.source === 'claims_supported' ? (
            <Text size="1" color="gray">
              (advertised)
            </Text>
          ) : null}
        </Button>
      ))}
    </Flex>
  )
}

const OUTCOME = {
  'creates-account': { color: 'green', title: 'The first login creates the account' },
  fails: { color: 'red', title: 'The panel will refuse to create the account' },
  disabled: { color: 'blue', title: 'Registration is off (Only allow Login): unlinked users are sent back' },
  'login-fails': { color: 'red', title: 'Every login fails' }
} as const

/** The registration preview (docs/panel-behaviour.md#registration), always in view. */
function RegistrationCard({
  preview,
  hasDocument,
  onApply,
  evaluator
}: {
  preview: RegistrationPreview | null
  hasDocument: boolean
  onApply: (f: PathField, path: string | null) => void
  evaluator: Evaluator
}) {
  return (
    <Card data-testid="registration-preview" data-evaluator={evaluator}>
      <Heading as="h3" size="3" mb="2">
        First login of a new user
      </Heading>
      {!preview ? (
        <Text size="2" color="gray" data-testid="registration-outcome" data-outcome="none">
          {hasDocument ? 'Evaluating…' : 'Run the test login or paste a userinfo document to see what the panel will do with these paths.'}
        </Text>
      ) : (
        <Flex direction="column" gap="3">
          <Callout.Root color={OUTCOME[preview.outcome].color} size="1" data-testid="registration-outcome" data-outcome={preview.outcome}>
            <Callout.Text>
              <Text weight="bold">{OUTCOME[preview.outcome].title}</Text>
              {preview.panelResponse ? (
                <>
                  {' '}
                  — the panel answers <Code size="1">{preview.panelResponse}</Code>
                </>
              ) : null}
            </Callout.Text>
          </Callout.Root>
          {preview.fields ? (
            <DataList.Root size="1">
              {PATH_FIELDS.map((f) => {
                const fp = preview.fields![FIELD_OF[f]]
                return (
                  <DataList.Item key={f}>
                    <DataList.Label>{FIELD_LABELS[f].replace(/ Path$/, '')}</DataList.Label>
                    <DataList.Value data-testid={`registration-value-${f}`}>
                      {fp.outcome === 'value' ? (
                        <Code size="1">{fp.panelValue}</Code>
                      ) : fp.outcome === 'generated' ? (
                        <Text size="1">
                          <GeneratedValue field={f} value={fp.panelValue} />
                        </Text>
                      ) : (
                        <Text size="1" color="red">
                          not extracted
                        </Text>
                      )}
                    </DataList.Value>
                  </DataList.Item>
                )
              })}
            </DataList.Root>
          ) : null}
          {preview.problems
            .filter((p) => p.severity !== 'info' || p.code === 'registration.disabled')
            .map((p, i) => (
              <Text as="p" key={i} size="1" color={SEVERITY_COLOR[p.severity]} data-testid={`registration-problem-${p.code}`}>
                {p.field ? <Text weight="bold">{FIELD_LABELS[FIELD_PATH[p.field]].replace(/ Path$/, '')}: </Text> : null}
                {p.message}
              </Text>
            ))}
          {preview.suggestions.length ? (
            <Flex direction="column" gap="2" data-testid="registration-fixes">
              <Text size="2" weight="medium">
                Fixes that work with this document
              </Text>
              {preview.suggestions.map((s, i) => (
                <Flex key={i} gap="2" align="center" justify="between">
                  <Text size="1">{s.effect}</Text>
                  <Button
                    size="1"
                    variant="soft"
                    onClick={() => onApply(FIELD_PATH[s.field], s.path)}
                    aria-label={`Apply: ${s.path === null ? `leave ${FIELD_LABELS[FIELD_PATH[s.field]]} empty` : `use ${s.path} for ${FIELD_LABELS[FIELD_PATH[s.field]]}`}`}
                    data-testid={`registration-fix-${s.field}-${i}`}
                  >
                    Apply
                  </Button>
                </Flex>
              ))}
            </Flex>
          ) : null}
        </Flex>
      )}
    </Card>
  )
}
