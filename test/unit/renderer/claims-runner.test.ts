import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ClaimsEngine } from '../../../src/renderer/src/workers/claims-engine'
import type { ClaimsRequest, ClaimsResponse } from '../../../src/renderer/src/workers/claims-protocol'
import { EVALUATION_TIMEOUT_MS } from '../../../src/renderer/src/workers/claims-protocol'
import { startClaimsRunner, type ClaimsRunnerOptions, type ClaimsWorker } from '../../../src/renderer/src/workers/claims-runner'

// The Claims tester's worker supervision, with fake workers and fake timers: a hung
// evaluation is stopped and the worker replaced; a worker that can't run moves the
// evaluation to the main thread.

class FakeWorker implements ClaimsWorker {
  onmessage: ClaimsWorker['onmessage'] = null
  onerror: ClaimsWorker['onerror'] = null
  posted: ClaimsRequest[] = []
  terminated = false
  postMessage(req: ClaimsRequest): void {
    if (this.terminated) throw new Error('posted to a terminated worker')
    this.posted.push(req)
  }
  terminate(): void {
    this.terminated = true
  }
  answer(seq: number): void {
    this.onmessage!({ data: { seq, ok: false, message: `answer ${seq}` } } as MessageEvent<ClaimsResponse>)
  }
  fail(message: string): void {
    this.onerror!({ message, preventDefault: () => undefined } as ErrorEvent)
  }
}

const request = (seq: number): ClaimsRequest => ({
  seq,
  text: '{}',
  paths: { identifier_path: '$.sub', email_path: '$.email', username_path: null, name_first_path: null, name_last_path: null },
  loginOnly: false,
  userManageable: true,
  claimsSupported: []
})

function setup(over: Partial<ClaimsRunnerOptions> = {}) {
  const workers: FakeWorker[] = []
  const answers: ClaimsResponse[] = []
  const failures: string[] = []
  const evaluators: string[] = []
  let seq = 0
  let last: ClaimsRequest | null = null
  const runner = startClaimsRunner({
    createWorker: () => {
      const w = new FakeWorker()
      workers.push(w)
      return w
    },
    loadMainThreadEngine: () => Promise.reject(new Error('not in this test')),
    isCurrent: (s) => s === seq,
    lastRequest: () => last,
    onAnswer: (res) => answers.push(res),
    onFailure: (m) => failures.push(m),
    onEvaluator: (e) => evaluators.push(e),
    ...over
  })
  const post = (): number => {
    last = request(++seq)
    runner.post(last)
    return seq
  }
  return { runner, workers, answers, failures, evaluators, post }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('claims runner', () => {
  it('terminates a worker that does not answer in time, starts a new one and sends it the next request', () => {
    const t = setup()
    t.post()
    expect(t.workers).toHaveLength(1)
    vi.advanceTimersByTime(EVALUATION_TIMEOUT_MS - 1)
    expect(t.workers[0]!.terminated).toBe(false)
    expect(t.failures).toEqual([])

    vi.advanceTimersByTime(1)
    expect(t.workers[0]!.terminated).toBe(true)
    expect(t.workers).toHaveLength(2)
    expect(t.failures).toEqual([
      `The evaluation took longer than ${EVALUATION_TIMEOUT_MS / 1000} s and was stopped; the evaluator restarted. Simplify the path (a regular expression in match() or search()?).`
    ])
    // The hung request is not sent again: it would hang the new worker too.
    expect(t.workers[1]!.posted).toEqual([])

    const next = t.post()
    expect(t.workers[1]!.posted.map((r) => r.seq)).toEqual([next])
    t.workers[1]!.answer(next)
    expect(t.answers).toEqual([{ seq: next, ok: false, message: `answer ${next}` }])
    vi.advanceTimersByTime(EVALUATION_TIMEOUT_MS * 2)
    expect(t.workers).toHaveLength(2)
  })

  it('an answer in time stops the watchdog; answers to superseded requests are dropped', () => {
    const t = setup()
    const first = t.post()
    const second = t.post()
    t.workers[0]!.answer(first)
    expect(t.answers).toEqual([])
    t.workers[0]!.answer(second)
    expect(t.answers.map((a) => a.seq)).toEqual([second])
    expect(t.evaluators).toEqual(['worker'])
    vi.advanceTimersByTime(EVALUATION_TIMEOUT_MS * 2)
    expect(t.workers).toHaveLength(1)
    expect(t.failures).toEqual([])
  })

  it('a worker that crashes after answering is replaced, and the crash is said', () => {
    const t = setup()
    t.workers[0]!.answer(t.post())
    t.post()
    t.workers[0]!.fail('out of memory')
    expect(t.workers[0]!.terminated).toBe(true)
    expect(t.failures).toEqual(['The evaluator stopped: out of memory; it restarted.'])
    expect(t.workers).toHaveLength(2)
    const next = t.post()
    expect(t.workers[1]!.posted.map((r) => r.seq)).toEqual([next])
    // The old watchdog is gone: no timeout message for the crashed request.
    vi.advanceTimersByTime(EVALUATION_TIMEOUT_MS - 1)
    expect(t.failures).toHaveLength(1)
  })

  it('evaluates on the main thread when no worker can start, and answers the request on screen', async () => {
    const engine: ClaimsEngine = {
      evaluate: (req) => ({ seq: req.seq, ok: false, message: `main thread ${req.seq}` }),
      withLegacy: () => null
    }
    const t = setup({
      createWorker: () => {
        throw new Error('module workers refused')
      },
      loadMainThreadEngine: async () => engine
    })
    const seq = t.post()
    expect(t.evaluators).toEqual(['main-thread'])
    await vi.runAllTimersAsync()
    expect(t.answers).toEqual([{ seq, ok: false, message: `main thread ${seq}` }])
  })

  it('a worker that fails before its first answer hands over to the main thread', async () => {
    const t = setup({ loadMainThreadEngine: () => Promise.reject(new Error('wasm refused')) })
    t.post()
    t.workers[0]!.fail('module script refused')
    expect(t.workers[0]!.terminated).toBe(true)
    expect(t.evaluators).toEqual(['main-thread'])
    await vi.runAllTimersAsync()
    expect(t.workers).toHaveLength(1)
    expect(t.failures).toEqual(['The JSONPath engine could not load: wasm refused'])
  })

  it('stop terminates the worker and silences its watchdog', () => {
    const t = setup()
    t.post()
    t.runner.stop()
    expect(t.workers[0]!.terminated).toBe(true)
    vi.advanceTimersByTime(EVALUATION_TIMEOUT_MS * 2)
    expect(t.workers).toHaveLength(1)
    expect(t.failures).toEqual([])
  })
})
