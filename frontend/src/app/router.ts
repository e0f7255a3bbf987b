import { createRouter, createWebHistory, type Router } from 'vue-router'
import type { Pinia } from 'pinia'
import { useSessionStore } from '@/features/accounts/useSessionStore'

export function createAppRouter(pinia: Pinia): Router {
  const router = createRouter({
    history: createWebHistory(),
    scrollBehavior(to, _from, saved) {
      if (saved) return saved
      if (to.hash) return { el: to.hash, top: 80 }
      return { top: 0 }
    },
    routes: [
      { path: '/', name: 'home', component: () => import('@/features/home/HomePage.vue') },
      { path: '/sign-in', name: 'sign-in', component: () => import('@/features/accounts/SignInPage.vue') },
      { path: '/sign-up', name: 'sign-up', component: () => import('@/features/accounts/SignUpPage.vue') },
      { path: '/setup', name: 'setup', component: () => import('@/features/accounts/SignUpPage.vue'),
        props: { setup: true } },
      { path: '/c/:slug', name: 'category', component: () => import('@/features/forum/CategoryPage.vue'),
        props: (route) => ({ slug: route.params.slug, sort: route.query.sort }) },
      { path: '/t/:id/:slug?', name: 'thread', component: () => import('@/features/forum/ThreadPage.vue'), props: true },
      { path: '/tags/:tag', name: 'tag', component: () => import('@/features/forum/TagPage.vue'), props: true },
      { path: '/leaderboard', name: 'leaderboard', component: () => import('@/features/badges/LeaderboardPage.vue') },
      { path: '/events', name: 'events', component: () => import('@/features/events/EventsPage.vue') },
      { path: '/events/mine', name: 'my-events', component: () => import('@/features/events/MyEventsPage.vue'),
        meta: { requiresMember: true } },
      { path: '/events/:id(\\d+)/:slug?', name: 'event', component: () => import('@/features/events/EventPage.vue'),
        props: true },
      { path: '/guidelines', name: 'guidelines', component: () => import('@/features/guidelines/GuidelinesPage.vue') },
      { path: '/badges', name: 'badges', component: () => import('@/features/badges/BadgeCataloguePage.vue') },
      { path: '/badges/:id', name: 'badge', component: () => import('@/features/badges/BadgePage.vue'), props: true },
      { path: '/messages', name: 'messages', component: () => import('@/features/messages/MessagesPage.vue'),
        meta: { requiresMember: true } },
      { path: '/messages/new', name: 'message-new', component: () => import('@/features/messages/NewMessagePage.vue'),
        meta: { requiresMember: true } },
      { path: '/messages/:id(\\d+)', name: 'conversation', props: true,
        component: () => import('@/features/messages/ConversationPage.vue'), meta: { requiresMember: true } },
      { path: '/me/bookmarks', name: 'bookmarks', component: () => import('@/features/forum/BookmarksPage.vue'),
        meta: { requiresMember: true } },
      { path: '/roadmap', name: 'roadmap', component: () => import('@/features/forum/RoadmapPage.vue') },
      { path: '/search', name: 'search', component: () => import('@/features/search/SearchPage.vue') },
      { path: '/new', name: 'new-thread', component: () => import('@/features/forum/NewThreadPage.vue'),
        meta: { requiresMember: true } },
      { path: '/notifications', name: 'notifications',
        component: () => import('@/features/notifications/NotificationsPage.vue'), meta: { requiresMember: true } },
      { path: '/me/testimonials', name: 'my-testimonials',
        component: () => import('@/features/testimonials/MyTestimonialsPage.vue'), meta: { requiresMember: true } },
      { path: '/settings', name: 'settings', component: () => import('@/features/notifications/SettingsPage.vue'),
        meta: { requiresMember: true } },
      { path: '/unsubscribe/:token', name: 'unsubscribe', props: true,
        component: () => import('@/features/notifications/UnsubscribePage.vue') },
      { path: '/verify-email', name: 'verify-email', props: { purpose: 'verify' },
        component: () => import('@/features/accounts/TokenConfirmPage.vue') },
      { path: '/confirm-email', name: 'confirm-email', props: { purpose: 'email' },
        component: () => import('@/features/accounts/TokenConfirmPage.vue') },
      { path: '/forgot-password', name: 'forgot-password',
        component: () => import('@/features/accounts/ForgotPasswordPage.vue') },
      { path: '/reset-password', name: 'reset-password',
        component: () => import('@/features/accounts/ResetPasswordPage.vue') },
      { path: '/u/:username', name: 'profile', component: () => import('@/features/accounts/ProfilePage.vue'),
        props: true },
      {
        path: '/admin',
        component: () => import('@/admin/AdminLayout.vue'),
        meta: { requiresStaff: true },
        children: [
          { path: '', redirect: { name: 'admin-dashboard' } },
          { path: 'dashboard', name: 'admin-dashboard', component: () => import('@/admin/dashboard/AdminDashboardPage.vue') },
          { path: 'review', name: 'admin-review', component: () => import('@/admin/review/AdminReviewPage.vue') },
          { path: 'watched-words', name: 'admin-watched-words', component: () => import('@/admin/watched-words/AdminWatchedWordsPage.vue') },
          { path: 'analytics', name: 'admin-analytics', component: () => import('@/admin/analytics/AdminAnalyticsPage.vue') },
          { path: 'widgets', name: 'admin-widgets', component: () => import('@/admin/widgets/AdminWidgetsPage.vue') },
          { path: 'events', name: 'admin-events', component: () => import('@/admin/events/AdminEventsPage.vue') },
          { path: 'events/new', name: 'admin-event-new', component: () => import('@/admin/events/AdminEventPage.vue') },
          { path: 'events/:id(\\d+)', name: 'admin-event', props: true,
            component: () => import('@/admin/events/AdminEventPage.vue') },
          { path: 'badges', name: 'admin-badges', component: () => import('@/admin/badges/AdminBadgesPage.vue') },
          { path: 'messages', name: 'admin-messages', component: () => import('@/admin/messages/AdminMessageFlagsPage.vue') },
          { path: 'audit', name: 'admin-audit', component: () => import('@/admin/audit/AdminAuditPage.vue') },
          { path: 'crisis', name: 'admin-crisis', component: () => import('@/admin/crisis/AdminCrisisPage.vue') },
          { path: 'canned', name: 'admin-canned', component: () => import('@/admin/canned/AdminCannedPage.vue') },
          { path: 'members', name: 'admin-members', component: () => import('@/admin/members/AdminMembersPage.vue') },
          { path: 'members/:username', name: 'admin-member', props: true,
            component: () => import('@/admin/members/AdminMemberPage.vue') },
          { path: 'groups', name: 'admin-groups', component: () => import('@/admin/groups/AdminGroupsPage.vue'), meta: { requiresAdmin: true } },
          { path: 'categories', name: 'admin-categories', component: () => import('@/admin/categories/AdminCategoriesPage.vue'), meta: { requiresAdmin: true } },
          { path: 'tags', name: 'admin-tags', component: () => import('@/admin/tags/AdminTagsPage.vue'), meta: { requiresAdmin: true } },
          { path: 'search', name: 'admin-search', component: () => import('@/admin/search/AdminSearchPage.vue'), meta: { requiresAdmin: true } },
          { path: 'mail', name: 'admin-mail', component: () => import('@/admin/mail/AdminMailPage.vue'), meta: { requiresAdmin: true } },
          { path: 'guidelines', name: 'admin-guidelines', component: () => import('@/admin/guidelines/AdminGuidelinesPage.vue'), meta: { requiresAdmin: true } },
          { path: 'theme', name: 'admin-theme', component: () => import('@/admin/theme/AdminThemePage.vue'), meta: { requiresAdmin: true } },
          { path: 'sso', name: 'admin-sso', component: () => import('@/admin/integrations/AdminSsoPage.vue'), meta: { requiresAdmin: true } },
          { path: 'webhooks', name: 'admin-webhooks', component: () => import('@/admin/integrations/AdminWebhooksPage.vue'), meta: { requiresAdmin: true } },
          { path: 'api-keys', name: 'admin-api-keys', component: () => import('@/admin/integrations/AdminApiKeysPage.vue'), meta: { requiresAdmin: true } },
          { path: 'settings', name: 'admin-settings', component: () => import('@/admin/settings/AdminSettingsPage.vue'), meta: { requiresAdmin: true } },
        ],
      },
      { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/ui/NotFoundPage.vue') },
    ],
  })

  router.beforeEach((to) => {
    const session = useSessionStore(pinia)
    if (session.setupRequired && to.name !== 'setup') {
      return { name: 'setup' }
    }
    if (!session.setupRequired && to.name === 'setup') {
      return { name: 'home' }
    }
    if (to.matched.some((r) => r.meta.requiresMember) && !session.isSignedIn) {
      return { name: 'sign-in', query: { next: to.fullPath } }
    }
    if (to.matched.some((r) => r.meta.requiresStaff) && !session.isStaff) {
      return session.isSignedIn ? { name: 'home' } : { name: 'sign-in', query: { next: to.fullPath } }
    }
    if (to.matched.some((r) => r.meta.requiresAdmin) && !session.isAdmin) {
      return session.isSignedIn ? { name: 'home' } : { name: 'sign-in', query: { next: to.fullPath } }
    }
    return true
  })
  return router
}
