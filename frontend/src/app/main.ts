import { createApp } from 'vue'
import { createPinia } from 'pinia'
import AppShell from './AppShell.vue'
import { createAppRouter } from './router'
import { reflow } from '@/ui/reflowTable'
import { captureSsrShape } from './ssrShape'
import { applyLanguage, createAppI18n } from './i18n'
import { useSessionStore } from '@/features/accounts/useSessionStore'
import { countPageViews } from './pageViews'
import './base.css'

async function start() {
  const pinia = createPinia()
  const i18n = createAppI18n()
  const session = useSessionStore(pinia)
  try {
    await session.load()
  } catch {
    // The shell still renders; views show the network error when they call the server.
  }
  // A signed-in member's saved language wins over this browser's.
  const saved = session.member?.locale
  if (saved === 'fr' || saved === 'en') {
    applyLanguage(i18n.global.locale, saved)
  }
  captureSsrShape()
  const app = createApp(AppShell)
  const router = createAppRouter(pinia)
  countPageViews(router)
  app.use(pinia).use(i18n).use(router)
  app.directive('reflow', reflow)
  app.mount('#app')
}

start()
