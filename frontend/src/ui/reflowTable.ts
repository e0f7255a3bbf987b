import type { Directive } from 'vue'

/**
 * v-reflow on a table: each cell gets its column's heading as data-label, so on phones (base.css, table.reflow)
 * a row becomes a card of labelled values instead of a table scrolling sideways. Kept up to date as rows change.
 */
function label(table: HTMLTableElement) {
  const headings = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent?.trim() ?? '')
  table.classList.add('reflow')
  for (const row of Array.from(table.querySelectorAll('tbody tr'))) {
    Array.from(row.children).forEach((cell, i) => {
      const heading = headings[i]
      if (heading && cell.getAttribute('data-label') !== heading) cell.setAttribute('data-label', heading)
    })
  }
}

export const reflow: Directive<HTMLTableElement> = {
  mounted: label,
  updated: label,
}
