import type { SliceCreator } from './types'

export interface UserinfoDocument {
  /** Raw response text, exactly as received: key order and big integers matter. */
  text: string
  source: 'login' | 'paste' | 'file'
  receivedAt: string
}

export interface UserinfoSlice {
  /** The userinfo response the Claims step tests paths against (personal data: clearable, never exported). */
  userinfo: UserinfoDocument | null
  setUserinfo: (text: string, source: UserinfoDocument['source']) => void
  clearUserinfo: () => void
}

export const createUserinfoSlice: SliceCreator<UserinfoSlice> = (set) => ({
  userinfo: null,
  setUserinfo: (text, source) => set({ userinfo: { text, source, receivedAt: new Date().toISOString() } }),
  clearUserinfo: () => set({ userinfo: null })
})
