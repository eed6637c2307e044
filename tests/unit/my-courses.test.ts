import { describe, expect, it } from 'vitest';
import { buildMyCourseCards, type RequiredInput, type StartedInput } from '../../src/lib/learning/my-courses';

const today = '2026-12-02';
const started = (over: Partial<StartedInput> = {}): StartedInput => ({ courseId: 'a', courseTitle: 'Kurssi A', percent: 40, complete: false, nextLessonPath: '/kurssit/a/toinen', ...over });
const required = (over: Partial<RequiredInput> = {}): RequiredInput => ({ courseId: 'a', courseTitle: 'Kurssi A', status: 'kesken', dueDate: '2026-12-20', renewal: false, ...over });

describe('Omat kurssit cards', () => {
  it('shows a required course in progress once, with its due date and the button to continue', () => {
    const cards = buildMyCourseCards([required()], [started()], today);
    expect(cards.other).toEqual([]);
    expect(cards.required).toEqual([
      { courseId: 'a', title: 'Kurssi A', required: true, status: 'kesken', late: false, percent: 40, message: 'Suorita viimeistään 20.12.2026.', action: { href: '/kurssit/a/toinen', label: 'Jatka' } },
    ]);
  });

  it('a lapsed required certificate is one card that says so and offers the final quiz, never "Suoritettu" beside it', () => {
    const cards = buildMyCourseCards([required({ status: 'vanhentunut', dueDate: '2026-11-30', renewal: true })], [started({ complete: true, percent: 100, nextLessonPath: null })], today);
    expect(cards.other).toEqual([]);
    expect(cards.required).toHaveLength(1);
    expect(cards.required[0]).toMatchObject({ late: true, message: 'Todistuksesi vanheni 30.11.2026. Uusi se tekemällä loppukoe uudelleen.', action: { href: '/kurssit/a/loppukoe', label: 'Uusi todistus' } });
  });

  it('every required course that is not done has a button, also when not yet started', () => {
    const cards = buildMyCourseCards([required({ status: 'ei aloitettu' }), required({ courseId: 'b', courseTitle: 'B', status: 'myöhässä', dueDate: '2026-11-01' })], [], today);
    expect(cards.required.map((c) => [c.courseId, c.late, c.action?.label])).toEqual([
      ['b', true, 'Aloita kurssi'],
      ['a', false, 'Aloita kurssi'],
    ]);
  });

  it('lists started courses that are not required under their own heading, done ones without a button', () => {
    const cards = buildMyCourseCards([], [started(), started({ courseId: 'c', courseTitle: 'C', complete: true, percent: 100, nextLessonPath: null }), started({ courseId: 'd', courseTitle: 'D', nextLessonPath: null })], today);
    expect(cards.other.map((c) => [c.courseId, c.message, c.action?.label])).toEqual([
      ['a', 'Jatka siitä, mihin jäit.', 'Jatka'],
      ['c', 'Suoritettu.', undefined],
      ['d', 'Oppitunnit on luettu: jäljellä on loppukoe.', 'Loppukokeeseen'],
    ]);
  });
});
