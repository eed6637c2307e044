/**
 * The idle-timeout warning (WCAG 2.2.1): two minutes before the session would
 * end, a modal alert dialog offers to extend it. Starts when the page (or a
 * server island inserted later) contains the `[data-session-timeout]` holder.
 */
function start(holder: HTMLElement): void {
  const dialog = document.querySelector<HTMLDialogElement>('#istunto-varoitus');
  if (!dialog || holder.dataset.started) return;
  holder.dataset.started = '1';
    const text = dialog.querySelector<HTMLElement>('#istunto-teksti')!;
    const extend = dialog.querySelector<HTMLButtonElement>('[data-extend]')!;
    const login = dialog.querySelector<HTMLAnchorElement>('[data-login]')!;
    const absolute = Date.now() + Number(holder.dataset.absoluteMs ?? 0);
    let expires = Date.now() + Number(holder.dataset.idleMs ?? 0);
    let returnFocus: Element | null = null;
    let timer: number | undefined;
    const WARN_MS = 120_000;

    const schedule = () => {
      window.clearTimeout(timer);
      const warnAt = Math.max(0, expires - WARN_MS - Date.now());
      timer = window.setTimeout(tick, Math.min(warnAt, 2 ** 31 - 1));
    };
    const tick = () => {
      const left = expires - Date.now();
      if (left <= 0) {
        text.textContent = text.dataset.ended ?? '';
        extend.hidden = true;
        login.hidden = false;
        login.href = `/kirjaudu?palaa=${encodeURIComponent(location.pathname + location.search)}`;
        return;
      }
      if (left <= WARN_MS) {
        text.textContent = (text.dataset.template ?? '').replace('{minutes}', String(Math.max(1, Math.ceil(left / 60_000))));
        if (!dialog.open) {
          returnFocus = document.activeElement;
          dialog.showModal();
          extend.focus();
        }
        timer = window.setTimeout(tick, Math.min(left, 15_000));
        return;
      }
      schedule();
    };
    extend.addEventListener('click', async () => {
      const response = await fetch('/istunto/jatka', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' });
      if (response.ok) {
        const body = (await response.json()) as { idleRemainingMs: number };
        expires = Math.min(Date.now() + body.idleRemainingMs, absolute);
        dialog.close();
        if (returnFocus instanceof HTMLElement) returnFocus.focus();
        schedule();
      } else {
        expires = 0;
        tick();
      }
    });
    schedule();
}

/** Starts the warning now, or as soon as a server island brings the holder in. */
export function watchSessionTimeout(): void {
  const found = document.querySelector<HTMLElement>('[data-session-timeout]');
  if (found) {
    start(found);
    return;
  }
  const observer = new MutationObserver(() => {
    const holder = document.querySelector<HTMLElement>('[data-session-timeout]');
    if (holder) {
      observer.disconnect();
      start(holder);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
}
