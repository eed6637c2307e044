/**
 * Progressive enhancement for the activity forms on lesson pages. Without
 * JavaScript each form posts to its page under /tehtava and the learner sees
 * the result there. With it, the same request is made in the background and
 * the result fragment from that page replaces the activity's result area, so
 * the learner stays in the lesson; focus moves to the result so screen readers
 * announce it.
 */
function resultArea(form: HTMLFormElement): HTMLElement | null {
  return form.querySelector<HTMLElement>('[data-result]') ?? form.closest('[data-activity]')?.querySelector<HTMLElement>('[data-result]') ?? null;
}

async function submit(form: HTMLFormElement, submitter: HTMLElement | null): Promise<void> {
  const target = resultArea(form);
  if (!target) {
    form.submit();
    return;
  }
  const body = new FormData(form, submitter);
  form.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin', headers: { 'x-requested-with': 'fetch' } });
    if (response.redirected && new URL(response.url).pathname.startsWith('/kirjaudu')) {
      window.location.assign(response.url);
      return;
    }
    const html = await response.text();
    const fragment = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-fragment]');
    if (!fragment) {
      window.location.assign(response.url);
      return;
    }
    // A case step replaces the whole area (the next decision point has its own form).
    const replaceForm = form.closest('[data-result]') === target;
    target.replaceChildren(...Array.from(fragment.childNodes).map((n) => document.importNode(n, true)));
    if (!replaceForm && fragment.hasAttribute('data-fragment-hides-form')) form.hidden = true;
    const focusTarget = target.querySelector<HTMLElement>('[data-focus]') ?? target;
    if (!focusTarget.hasAttribute('tabindex')) focusTarget.setAttribute('tabindex', '-1');
    focusTarget.focus();
  } catch {
    form.submit();
  } finally {
    form.removeAttribute('aria-busy');
  }
}

/** Enhances every `form[data-enhance]`, including ones that arrive later (server islands, case steps). */
export function enhanceForms(): void {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-enhance')) return;
    event.preventDefault();
    void submit(form, (event as SubmitEvent).submitter);
  });
}
