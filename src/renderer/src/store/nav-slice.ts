import type { SliceCreator } from './types'

import { STEP_IDS, type StepId } from '../../../shared/wizard-steps'

export { STEP_FIELDS, STEP_IDS, stepOfField, type StepId } from '../../../shared/wizard-steps'

export interface NavSlice {
  step: StepId
  goTo: (step: StepId) => void
  next: () => void
  back: () => void
}

/** The step a draft opens on when it saved none. */
export const navDraftState = (): Pick<NavSlice, 'step'> => ({
  step: 'discover'
})

export const createNavSlice: SliceCreator<NavSlice> = (set, get) => ({
  ...navDraftState(),
  goTo: (step) => set({ step }),
  next: () => {
    const i = STEP_IDS.indexOf(get().step)
    if (i < STEP_IDS.length - 1) set({ step: STEP_IDS[i + 1]! })
  },
  back: () => {
    const i = STEP_IDS.indexOf(get().step)
    if (i > 0) set({ step: STEP_IDS[i - 1]! })
  }
})
