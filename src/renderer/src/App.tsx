import { Box, Button, Callout, Container, Flex, Grid, Heading, Theme } from '@radix-ui/themes'
import { useEffect, useMemo, useRef } from 'react'
import { AutosaveStatus } from './components/AutosaveStatus'
import { DraftSummary } from './components/DraftSummary'
import { ImportDrop } from './components/ImportDrop'
import { StartPanel } from './components/StartPanel'
import { StorageNotice } from './components/StorageNotice'
import { useAutosave } from './hooks/useAutosave'
import { useColorScheme } from './hooks/useColorScheme'
import { useRuleProblems } from './hooks/useRuleProblems'
import { STEPS } from './steps'
import { useWizard } from './store'

export function App() {
  const scheme = useColorScheme()
  const step = useWizard((s) => s.step)
  const goTo = useWizard((s) => s.goTo)
  const next = useWizard((s) => s.next)
  const back = useWizard((s) => s.back)
  const appError = useWizard((s) => s.appError)
  const loadAppInfo = useWizard((s) => s.loadAppInfo)
  const draftId = useWizard((s) => s.draftId)
  const headingRef = useRef<HTMLDivElement>(null)
  useAutosave()

  useEffect(() => {
    void loadAppInfo()
  }, [loadAppInfo])

  const problems = useRuleProblems()
  const fieldsWithErrors = useMemo(
    () => new Set(Object.keys(problems).filter((f) => problems[f]!.some((p) => p.severity === 'error'))),
    [problems]
  )

  const index = STEPS.findIndex((s) => s.id === step)
  const current = STEPS[index]!
  const Current = current.component

  // Moving between steps puts keyboard focus on the new step, as a page change would,
  // without scrolling the tabs away: the page moves only when the tabs are above the view
  // (a "Next" at the bottom of a long step), and then just back to them.
  const navRef = useRef<HTMLElement>(null)
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true })
    const nav = navRef.current
    if (nav && nav.getBoundingClientRect().top < 0) nav.scrollIntoView({ block: 'start' })
  }, [step])

  return (
    <Theme appearance={scheme} accentColor="indigo" grayColor="slate" radius="medium">
      <Container size="4" px="4" py="4">
        <Flex direction="column" gap="4">
          <Flex justify="between" align="center" asChild>
            <header>
              <Heading as="h1" size="6">
                Calagopus OAuth Setup Assistant
              </Heading>
              <AutosaveStatus />
              <StorageNotice />
            </header>
          </Flex>
          {appError ? (
            <Callout.Root color="red" role="alert">
              <Callout.Text>{appError}</Callout.Text>
            </Callout.Root>
          ) : null}
          <nav aria-label="Wizard steps" ref={navRef}>
            <Flex gap="2" wrap="wrap" asChild>
              <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {STEPS.map((s, i) => {
                  const broken = s.fields.some((f) => fieldsWithErrors.has(f))
                  return (
                    <li key={s.id}>
                      <Button
                        variant={s.id === step ? 'solid' : 'soft'}
                        color={broken && s.id !== step ? 'red' : undefined}
                        aria-current={s.id === step ? 'step' : undefined}
                        data-testid={`nav-${s.id}`}
                        onClick={() => goTo(s.id)}
                      >
                        {i + 1}. {s.title}
                        {broken ? <span aria-label="has problems"> !</span> : null}
                      </Button>
                    </li>
                  )
                })}
              </ol>
            </Flex>
          </nav>
          {step === 'discover' ? <StartPanel /> : null}
          <Grid columns={{ initial: '1', md: '3fr 1fr' }} gap="5" align="start">
            <Box asChild>
              <main>
                <div
                  ref={headingRef}
                  tabIndex={-1}
                  aria-label={`Step ${index + 1} of ${STEPS.length}: ${current.title}`}
                  style={{ outline: 'none' }}
                  data-testid={`step-${current.id}`}
                >
                  {/* Keyed by draft: what a step holds for itself (a half-typed scope) belongs to one draft. */}
                  <Current key={draftId} />
                </div>
                <Flex justify="between" mt="5">
                  <Button variant="soft" color="gray" onClick={back} disabled={index === 0} data-testid="step-back">
                    Back
                  </Button>
                  {index < STEPS.length - 1 ? (
                    <Button onClick={next} data-testid="step-next">
                      Next: {STEPS[index + 1]!.title}
                    </Button>
                  ) : null}
                </Flex>
              </main>
            </Box>
            <DraftSummary />
          </Grid>
        </Flex>
      </Container>
      <ImportDrop />
    </Theme>
  )
}
