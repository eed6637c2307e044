/**
 * Tells the server a lesson was opened (a POST, never a state change on GET).
 * Visitors who are not signed in are ignored by the server.
 */
export function reportLessonView(): void {
  const lesson = document.querySelector<HTMLElement>('[data-lesson-id]')?.dataset.lessonId;
  if (!lesson) return;
  void fetch('/tehtava/katsottu', {
    method: 'POST',
    keepalive: true,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lesson }),
  }).catch(() => undefined);
}
