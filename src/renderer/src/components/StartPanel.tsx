import { Badge, Box, Button, Callout, Card, Flex, Grid, Heading, Link, Text, TextField } from '@radix-ui/themes'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { ErrorPayload } from '../../../shared/errors'
import { matchesPreset } from '../../../shared/preset-search'
import { useWizard } from '../store'
import type { DraftSummary } from '../store/drafts-slice'
import { ErrorCallout } from './ErrorCallout'
import { ImportResult } from './ImportDrop'

function testId(token: string): string {
  return token.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')
}

/**
 * The start of every setup: continue a draft, start from a preset of the library (with the
 * few values it needs, such as the host), start blank, or import a preset file.
 */
export function StartPanel() {
  const loadLibrary = useWizard((s) => s.loadLibrary)
  const loadDrafts = useWizard((s) => s.loadDrafts)
  const autosavedAt = useWizard((s) => s.autosave.at)
  const resumeLatest = useWizard((s) => s.resumeLatest)
  const resumedTitle = useWizard((s) => s.resumedTitle)
  useEffect(() => {
    void loadLibrary()
    // Reads the list once at launch (and reopens the latest draft); later it follows autosaves.
    void resumeLatest()
  }, [loadLibrary, resumeLatest])
  // The list follows autosaves, so the open draft shows up (and moves to the top).
  useEffect(() => {
    if (autosavedAt) void loadDrafts()
  }, [loadDrafts, autosavedAt])
  return (
    <Card asChild>
      <section aria-labelledby="start-heading" data-testid="start-panel">
        <Flex direction="column" gap="4">
          <Heading as="h2" size="4" id="start-heading">
            Start
          </Heading>
          {resumedTitle ? (
            <Callout.Root color="blue" size="1" data-testid="draft-resumed">
              <Callout.Text>Resumed “{resumedTitle}” where you left it. Choose “Start blank” or a preset for a new setup.</Callout.Text>
            </Callout.Root>
          ) : null}
          <ImportResult />
          <DraftList />
          <PresetPicker />
        </Flex>
      </section>
    </Card>
  )
}

function DraftList() {
  const drafts = useWizard((s) => s.drafts)
  const setAside = useWizard((s) => s.setAside)
  const error = useWizard((s) => s.draftsError)
  const currentId = useWizard((s) => s.draftId)
  if (!drafts?.length && !setAside.length && !error) return null
  return (
    <Box>
      <Heading as="h3" size="3" mb="2">
        Your drafts
      </Heading>
      {error ? <ErrorCallout error={error} testId="drafts-error" /> : null}
      {setAside.map((x) => (
        <Callout.Root key={x.file} color="amber" size="1" mb="2" data-testid="draft-set-aside">
          <Callout.Text>{x.message}</Callout.Text>
        </Callout.Root>
      ))}
      <Flex direction="column" gap="2" asChild>
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="draft-list">
          {(drafts ?? []).map((d) => (
            <DraftRow key={d.id} draft={d} current={d.id === currentId} />
          ))}
        </ul>
      </Flex>
    </Box>
  )
}

function DraftRow({ draft, current }: { draft: DraftSummary; current: boolean }) {
  const openDraft = useWizard((s) => s.openDraft)
  const duplicateDraft = useWizard((s) => s.duplicateDraft)
  const renameDraft = useWizard((s) => s.renameDraft)
  const deleteDraft = useWizard((s) => s.deleteDraft)
  const [renaming, setRenaming] = useState<string | null>(null)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const id = draft.id
  return (
    <li data-testid={`draft-${id}`}>
      <Flex gap="3" align="center" wrap="wrap" justify="between">
        <Box>
          {renaming === null ? (
            <Text weight="bold" data-testid={`draft-title-${id}`}>
              {draft.title}
            </Text>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault()
                void renameDraft(id, renaming)
                setRenaming(null)
              }}
            >
              <Flex gap="2" align="center">
                <Text as="label" size="2" htmlFor={`rename-${id}`}>
                  New name
                </Text>
                <TextField.Root
                  id={`rename-${id}`}
                  size="1"
                  value={renaming}
                  autoFocus
                  onChange={(e) => setRenaming(e.target.value)}
                  data-testid={`draft-rename-input-${id}`}
                />
                <Button size="1" type="submit" data-testid={`draft-rename-save-${id}`}>
                  Save
                </Button>
                <Button size="1" type="button" variant="soft" color="gray" onClick={() => setRenaming(null)}>
                  Cancel
                </Button>
              </Flex>
            </form>
          )}
          <Text as="p" size="1" color="gray">
            {draft.host ?? 'no provider yet'} · changed {new Date(draft.updated).toLocaleString()}
            {current ? (
              <>
                {' '}
                <Badge size="1">open</Badge>
              </>
            ) : null}
          </Text>
        </Box>
        <Flex gap="2">
          <Button
            size="1"
            onClick={() => void openDraft(id)}
            disabled={current}
            data-testid={`draft-open-${id}`}
            aria-label={`Open ${draft.title}`}
          >
            Open
          </Button>
          <Button
            size="1"
            variant="soft"
            onClick={() => void duplicateDraft(id)}
            data-testid={`draft-duplicate-${id}`}
            aria-label={`Duplicate ${draft.title}`}
          >
            Duplicate
          </Button>
          <Button
            size="1"
            variant="soft"
            onClick={() => setRenaming(draft.title)}
            data-testid={`draft-rename-${id}`}
            aria-label={`Rename ${draft.title}`}
          >
            Rename
          </Button>
          {confirmDelete ? (
            <Button
              size="1"
              color="red"
              onClick={() => void deleteDraft(id)}
              onBlur={() => setConfirmDelete(false)}
              autoFocus
              data-testid={`draft-delete-confirm-${id}`}
            >
              Really delete?
            </Button>
          ) : (
            <Button
              size="1"
              variant="soft"
              color="red"
              onClick={() => setConfirmDelete(true)}
              data-testid={`draft-delete-${id}`}
              aria-label={`Delete ${draft.title}`}
            >
              Delete
            </Button>
          )}
        </Flex>
      </Flex>
    </li>
  )
}

function PresetPicker() {
  const library = useWizard((s) => s.library)
  const libraryError = useWizard((s) => s.libraryError)
  const startFromPreset = useWizard((s) => s.startFromPreset)
  const startBlank = useWizard((s) => s.startBlank)
  const importFile = useWizard((s) => s.importFile)
  const fileInput = useRef<HTMLInputElement>(null)
  const [query, setQuery] = useState('')
  const [selected, setSelected] = useState<string | null>(null)
  const [values, setValues] = useState<Record<string, string>>({})
  const [error, setError] = useState<ErrorPayload | null>(null)
  const [starting, setStarting] = useState(false)
  const shown = useMemo(() => (library ?? []).filter((e) => matchesPreset(e, query)), [library, query])
  const entry = library?.find((e) => e.id === selected) ?? null

  const choose = (id: string): void => {
    setSelected(id)
    setValues({})
    setError(null)
  }

  return (
    <Box>
      <Heading as="h3" size="3" mb="2">
        Start from a preset
      </Heading>
      {libraryError ? <ErrorCallout error={libraryError} testId="library-error" /> : null}
      <Box mb="2" maxWidth="420px">
        <Text as="label" htmlFor="preset-search" size="2" weight="medium">
          Search presets
        </Text>
        <TextField.Root
          id="preset-search"
          mt="1"
          value={query}
          placeholder="Keycloak, Azure, git…"
          onChange={(e) => setQuery(e.target.value)}
          data-testid="preset-search"
        />
      </Box>
      <Grid columns={{ initial: '2', sm: '4', md: '6' }} gap="2" role="list" aria-label="Presets" data-testid="preset-list">
        {shown.map((e) => (
          <Box role="listitem" key={e.id}>
            <Button
              variant={e.id === selected ? 'solid' : 'surface'}
              style={{ width: '100%' }}
              aria-pressed={e.id === selected}
              onClick={() => choose(e.id)}
              data-testid={`preset-${e.id}`}
            >
              {e.title}
            </Button>
          </Box>
        ))}
      </Grid>
      {library && shown.length === 0 ? (
        <Text as="p" size="2" color="gray" mt="2" data-testid="preset-none">
          No preset matches “{query}”. Start blank and let discovery fill the URLs.
        </Text>
      ) : null}
      {entry ? (
        <Card mt="3" data-testid="preset-details">
          <form
            onSubmit={async (e) => {
              e.preventDefault()
              setStarting(true)
              setError(await startFromPreset(entry.id, values))
              setStarting(false)
            }}
          >
            <Flex direction="column" gap="3">
              <Text weight="bold">
                {entry.title} <Badge color="gray">{entry.kind}</Badge>{' '}
                {entry.community ? <Badge color="green">community preset</Badge> : null}
              </Text>
              {entry.placeholders.map((ph) => (
                <Box key={ph.token} maxWidth="420px">
                  <Text as="label" htmlFor={`ph-${testId(ph.token)}`} size="2" weight="medium">
                    {ph.label}
                    {ph.default === undefined ? <Text color="gray"> (required)</Text> : null}
                  </Text>
                  {ph.help ? (
                    <Text as="p" size="1" color="gray" id={`ph-${testId(ph.token)}-help`}>
                      {ph.help}
                    </Text>
                  ) : null}
                  <TextField.Root
                    id={`ph-${testId(ph.token)}`}
                    mt="1"
                    value={values[ph.token] ?? ''}
                    placeholder={ph.default ?? ph.example}
                    aria-describedby={ph.help ? `ph-${testId(ph.token)}-help` : undefined}
                    onChange={(e) => setValues((v) => ({ ...v, [ph.token]: e.target.value }))}
                    spellCheck={false}
                    autoComplete="off"
                    data-testid={`placeholder-${testId(ph.token)}`}
                  />
                </Box>
              ))}
              {entry.notes.length ? (
                <Box asChild>
                  <ul style={{ margin: 0 }}>
                    {entry.notes.map((n, i) => (
                      <li key={i}>
                        <Text size="2">{n}</Text>
                      </li>
                    ))}
                  </ul>
                </Box>
              ) : null}
              <Text size="2" color="gray">
                Redirect URL goes in: {entry.redirect_hint}
                {entry.docs_url ? (
                  <>
                    {' '}
                    <Link href={entry.docs_url} target="_blank" rel="noreferrer">
                      Provider documentation
                    </Link>
                  </>
                ) : null}
              </Text>
              {error ? <ErrorCallout error={error} testId="preset-error" /> : null}
              <Flex>
                <Button type="submit" disabled={starting} data-testid="preset-start">
                  Start with {entry.title}
                </Button>
              </Flex>
            </Flex>
          </form>
        </Card>
      ) : null}
      <Flex gap="2" mt="3" wrap="wrap">
        <Button variant="soft" color="gray" onClick={() => void startBlank()} data-testid="start-blank">
          Start blank
        </Button>
        <Button variant="soft" color="gray" onClick={() => fileInput.current?.click()} data-testid="import-file">
          Import a preset file…
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".yml,.yaml,.json"
          hidden
          aria-label="Preset file to import"
          data-testid="import-input"
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file) void importFile(file)
          }}
        />
      </Flex>
    </Box>
  )
}
