// One notification as a sentence in the reader's language ("Alice replied in “Invoices”"), shared by the
// notifications page and the bell's dropdown.
import type { NotificationItem } from '@/api/notifications'

type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string
type BadgeName = (id: number) => string

export function notificationSentence(t: Translate, badgeName: BadgeName, n: NotificationItem): string {
  const actor = n.actor?.displayName ?? t('notifications.someone')
  const title = n.thread?.title ?? ''
  const reasons = (codes: string) => codes.split(',').filter(Boolean).map((c) => t(`trust.missing.${c}`)).join(', ')
  if (n.kind === 'REACTION') {
    return n.othersCount > 0
      ? t('notifications.kind.REACTION_many', { actor, others: n.othersCount, title }, n.othersCount)
      : t('notifications.kind.REACTION', { actor, title })
  }
  if (n.kind === 'TRUST_LEVEL') {
    const [from, to, ...rest] = n.detail.split(':')
    const reason = rest.join(':')
    const level = { level: to, name: t(`trust.names.${to}`) }
    if (reason.startsWith('warning')) {
      const [, days, why] = reason.split(':')
      return t('trust.notify.warning', { days, why: reasons(why) })
    }
    if (Number(to) < Number(from)) {
      return t('trust.notify.demoted', { ...level, why: reasons(reason.split(':')[1] ?? '') })
    }
    return t('trust.notify.promoted', level)
  }
  if (n.kind === 'BADGE') {
    const name = badgeName(Number(n.detail))
    return n.othersCount > 0 ? t('notifications.kind.BADGE_many', { badge: name, others: n.othersCount }, n.othersCount)
      : t('notifications.kind.BADGE', { badge: name })
  }
  if (n.kind === 'POST_MOVED' && ['MERGE', 'SPLIT', 'MOVE'].includes(n.detail)) {
    return t(`notifications.kind.POST_MOVED_${n.detail}`, { actor, title })
  }
  if (n.kind === 'IDEA_STATUS') {
    const colon = n.detail.indexOf(':')
    const status = colon < 0 ? n.detail : n.detail.slice(0, colon)
    const note = colon < 0 ? '' : n.detail.slice(colon + 1)
    const sentence = t('notifications.kind.IDEA_STATUS', { actor, title, status: t(`ideas.status.${status}`) })
    return note ? `${sentence} “${note}”` : sentence
  }
  if (n.kind === 'MESSAGE') {
    const subject = n.detail.slice(n.detail.indexOf(':') + 1)
    return n.othersCount > 0 ? t('notifications.kind.MESSAGE_many', { actor, title: subject, others: n.othersCount },
      n.othersCount) : t('notifications.kind.MESSAGE', { actor, title: subject })
  }
  if (n.kind === 'BOOKMARK_REMINDER') {
    const sentence = t('notifications.kind.BOOKMARK_REMINDER', { title })
    return n.detail ? `${sentence} — “${n.detail}”` : sentence
  }
  if (n.kind === 'POST_REJECTED') return t('notifications.kind.POST_REJECTED', { actor, reason: n.detail })
  return t(`notifications.kind.${n.kind}`, { actor, title })
}
