import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import AdminEventPage from './AdminEventPage.vue'
import { createAppI18n } from '@/app/i18n'

const replace = vi.fn()
vi.mock('vue-router', () => ({ useRouter: () => ({ replace }) }))

function respond(url: string, init?: RequestInit) {
  if (url.startsWith('/api/v1/categories')) return []
  if (url.startsWith('/api/v1/groups')) return []
  if (url.startsWith('/api/v1/events/12') || url.startsWith('/api/v1/admin/events/12')) {
    if (url.includes('registrants')) return { items: [], registered: 0 }
    return { id: 12, slug: 'visite', title: 'Visite du produit', descriptionSource: 'Venez.', status: 'DRAFT', hosts: [],
      questions: [], groupIds: [], occurrences: [], startsLocal: '2026-12-10T18:00', endsLocal: '2026-12-10T19:00',
      zone: 'Europe/Paris', recordingVisibility: 'REGISTRANTS', visibility: 'EVERYONE', kind: 'WEBINAR', location: '',
      seriesId: null, texts: { title: 'Product tour', description: 'Come and see.', titleFr: 'Visite du produit',
        titleEn: null, descriptionFr: 'Venez.', descriptionEn: null } }
  }
  if (url === '/api/v1/admin/events' && init?.method === 'POST') {
    return { id: 9, slug: 'office-hours', title: 'Office hours', status: 'DRAFT', hosts: [], questions: [],
      groupIds: [], occurrences: [], startsLocal: '2026-12-10T18:00', endsLocal: '2026-12-10T19:00', zone: 'Europe/Paris',
      recordingVisibility: 'REGISTRANTS', visibility: 'EVERYONE', kind: 'WEBINAR', location: '', seriesId: 4 }
  }
  return {}
}

describe('AdminEventPage', () => {
  afterEach(() => vi.restoreAllMocks())

  it('creates a weekly series with the wall-clock times and the zone staff chose', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => new Response(
      JSON.stringify(respond(String(input), init)), { status: 200, headers: { 'Content-Type': 'application/json' } }))
    const wrapper = mount(AdminEventPage, { global: { plugins: [createAppI18n('fr')],
      stubs: { RouterLink: { template: '<a><slot /></a>' } }, directives: { reflow: {} } } })
    await flushPromises()
    await wrapper.find('#ev-title').setValue('Office hours')
    await wrapper.find('#ev-starts').setValue('2026-12-10T18:00')
    await wrapper.find('#ev-ends').setValue('2026-12-10T19:00')
    await wrapper.find('#ev-zone').setValue('Europe/Paris')
    await wrapper.find('#ev-repeat').setValue('WEEKLY')
    await wrapper.find('[data-test=admin-event-form]').trigger('submit')
    await flushPromises()
    const [, init] = fetch.mock.calls.find(([url, i]) => String(url) === '/api/v1/admin/events' && i?.method === 'POST')!
    const body = JSON.parse(String(init!.body))
    expect(body).toMatchObject({ title: 'Office hours', startsLocal: '2026-12-10T18:00', endsLocal: '2026-12-10T19:00',
      zone: 'Europe/Paris', recurrence: { frequency: 'WEEKLY', count: 4 }, capacity: null, registrationOpensAt: null })
    expect(body).not.toHaveProperty('opensAt')
    expect(replace).toHaveBeenCalledWith({ name: 'admin-event', params: { id: 9 } })
    expect(wrapper.find('[data-test=admin-event-notice]').text()).toContain('Brouillon créé')
  })

  it('edits the texts as written, not as this reader sees them, and each language\'s own', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => new Response(
      JSON.stringify(respond(String(input), init)), { status: 200, headers: { 'Content-Type': 'application/json' } }))
    const wrapper = mount(AdminEventPage, { props: { id: '12' }, global: { plugins: [createAppI18n('fr')],
      stubs: { RouterLink: { template: '<a><slot /></a>' } }, directives: { reflow: {} } } })
    await flushPromises()
    expect((wrapper.find('#ev-title').element as HTMLInputElement).value).toBe('Product tour')
    expect((wrapper.find('#ev-description').element as HTMLTextAreaElement).value).toBe('Come and see.')
    expect((wrapper.find('#ev-title-fr').element as HTMLInputElement).value).toBe('Visite du produit')
    expect(wrapper.find('label[for=ev-title-en]').text()).toBe('Titre en anglais')
    await wrapper.find('#ev-title-en').setValue('  Product tour, live ')
    await wrapper.find('#ev-description-fr').setValue('   ')
    await wrapper.find('[data-test=admin-event-form]').trigger('submit')
    await flushPromises()
    const [, init] = fetch.mock.calls.find(([, i]) => i?.method === 'PUT')!
    expect(JSON.parse(String(init!.body))).toMatchObject({ title: 'Product tour', description: 'Come and see.',
      titleFr: 'Visite du produit', titleEn: 'Product tour, live', descriptionFr: null, descriptionEn: null })
  })
})
