import { defineStore } from 'pinia'
import { ref } from 'vue'
import { notificationsApi } from '@/api/notifications'
import { liveStream } from './liveStream'

/** The unread count behind the bell, kept live by the event stream. */
export const useNotificationStore = defineStore('notifications', () => {
  const unread = ref(0)
  let started = false

  async function refresh(): Promise<void> {
    try {
      unread.value = (await notificationsApi.unreadCount()).unread
    } catch {
      // The count stays as it was; the next event or reconnect corrects it.
    }
  }

  function start(): void {
    liveStream.setSignedIn(true)
    if (started) return
    started = true
    liveStream.on('notification', (data) => {
      if (typeof data.unread === 'number') unread.value = data.unread
    })
    liveStream.on('ready', () => {
      void refresh()
    })
    void refresh()
  }

  function stop(): void {
    liveStream.setSignedIn(false)
    unread.value = 0
  }

  return { unread, refresh, start, stop }
})
