import type { UserinfoSource } from '../../../shared/schemas/drafts'
import type { SliceCreator } from './types'

export interface UserinfoDocument {
  /** Raw response text, exactly as received: key order and big integers matter. */
  text: string
  /** `unknown`: saved by an older version of the assistant, which did not record where it came from. */
  source: UserinfoSource | 'unknown'
  receivedAt: string
}

export interface UserinfoSlice {
  /** The userinfo response the Claims step tests paths against (personal data: clearable, never exported). */
  userinfo: UserinfoDocument | null
  setUserinfo: (text: string, source: UserinfoSource) => void
  clearUserinfo: () => void
}

/** The userinfo sample belongs to its draft. */
export const userinfoDraftState = (): Pick<UserinfoSlice, 'userinfo'> => ({
  userinfo: null
})

export const createUserinfoSlice: SliceCreator<UserinfoSlice> = (set) => ({
  ...userinfoDraftState(),
  setUserinfo: (text, source) => set({ userinfo: { text, source, receivedAt: new Date().toISOString() } }),
  clearUserinfo: () => set({ userinfo: null })
})
