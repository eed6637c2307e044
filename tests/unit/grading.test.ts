import { describe, expect, it } from 'vitest';
import { checkAnswer, feedbackForRightAnswers, gradeFinalQuiz, gradeQuestion, publicPoint, publicQuestion, stepCase } from '../../src/lib/learning/grading';
import { shuffleWithSeed } from '../../src/lib/learning/shuffle';
import { loadFixtureCourse } from '../helpers/fixture-course';

const fixture = loadFixtureCourse();
const single = fixture.question('tk-l1-k1');
const multiple = fixture.question('tk-l1-k2');

describe('grading on the server', () => {
  it('grades single and multiple choice, right only with exactly the correct options', () => {
    expect(gradeQuestion(single, ['a']).correct).toBe(true);
    expect(gradeQuestion(single, ['b']).correct).toBe(false);
    expect(gradeQuestion(multiple, ['b', 'a']).correct).toBe(true);
    expect(gradeQuestion(multiple, ['a']).correct).toBe(false);
    expect(gradeQuestion(multiple, ['a', 'b', 'c']).correct).toBe(false);
    const graded = gradeQuestion(multiple, ['c', 'a']);
    expect(graded.answer).toEqual(['a', 'c']);
    expect(graded.options.map((o) => [o.id, o.chosen, o.correct])).toEqual([['a', true, true], ['b', false, true], ['c', true, false]]);
    expect(graded.options.every((o) => o.feedback.length > 0)).toBe(true);
  });

  it('refuses tampered answers', () => {
    expect(checkAnswer(single, [])).toBe('no_answer');
    expect(checkAnswer(single, ['x'])).toBe('unknown_option');
    expect(checkAnswer(single, ['a', 'b'])).toBe('too_many');
    expect(checkAnswer(multiple, ['a', 'a'])).toBe('duplicate_option');
    expect(checkAnswer(multiple, ['a', '<script>'])).toBe('unknown_option');
  });

  it('grades a final quiz: unanswered counts as wrong, unknown questions and foreign options are refused', () => {
    const qs = fixture.finalQuestions;
    const all = gradeFinalQuiz(qs, { 'tk-loppu-1': ['a'], 'tk-loppu-2': ['a', 'b'], 'tk-loppu-3': ['a'] });
    expect(all.ok && all.result).toMatchObject({ scorePercent: 100, correctCount: 3, wrongQuestionIds: [] });
    const some = gradeFinalQuiz(qs, { 'tk-loppu-1': ['b'], 'tk-loppu-2': ['a', 'b'] });
    expect(some.ok && some.result).toMatchObject({ scorePercent: 33, correctCount: 1, wrongQuestionIds: ['tk-loppu-1', 'tk-loppu-3'] });
    expect(gradeFinalQuiz(qs, { 'tk-loppu-9': ['a'] })).toEqual({ ok: false, questionId: 'tk-loppu-9', problem: 'unknown_question' });
    expect(gradeFinalQuiz(qs, { 'tk-loppu-1': ['z'] })).toEqual({ ok: false, questionId: 'tk-loppu-1', problem: 'unknown_option' });
  });

  it('after a final quiz, gives feedback only for questions answered right, never a key to a wrong one', () => {
    const qs = fixture.finalQuestions;
    const feedback = feedbackForRightAnswers(qs, { 'tk-loppu-1': ['a'], 'tk-loppu-2': ['a'], 'tk-loppu-3': ['b'] });
    expect(feedback).toEqual([{ questionId: 'tk-loppu-1', question: qs[0]!.question, options: [{ text: 'Neljäs kerros', feedback: 'Neljäs kerros kuvaa työtä, työyhteisöä ja johtamista.' }] }]);
    // A multiple-choice question half right, a wrong single choice and an unanswered question show nothing.
    const shown = JSON.stringify(feedback);
    for (const q of qs.slice(1)) for (const o of q.options) expect(shown).not.toContain(o.feedback);
    expect(feedbackForRightAnswers(qs, {})).toEqual([]);
    expect(feedbackForRightAnswers(qs, { 'tk-loppu-2': ['b', 'a'] }).map((f) => f.options.map((o) => o.text))).toEqual([['Fyysinen', 'Sosiaalinen']]);
  });

  it('walks a case one step at a time', () => {
    const c = fixture.caseOf('tk-tapaus');
    expect(stepCase(c, 'p1', 'a')).toMatchObject({ ok: true, next: { kind: 'point', id: 'p2' } });
    expect(stepCase(c, 'p3', 'b')).toMatchObject({ ok: true, next: { kind: 'ending', id: 'kohtalainen', outcome: 'mixed' } });
    expect(stepCase(c, 'p9', 'a')).toEqual({ ok: false, problem: 'unknown_point' });
    expect(stepCase(c, 'p1', 'x')).toEqual({ ok: false, problem: 'unknown_option' });
  });

  it('gives the browser no correctness, feedback or paths before the answer', () => {
    const text = JSON.stringify([publicQuestion(single), publicQuestion(multiple), publicPoint(fixture.caseOf('tk-tapaus'), 'p1')]);
    expect(text).not.toMatch(/correct|feedback|next|ending|best/);
  });
});

describe('seeded shuffling', () => {
  it('is the same for the same seed and usually different for another', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(shuffleWithSeed(items, 'abc')).toEqual(shuffleWithSeed(items, 'abc'));
    expect(shuffleWithSeed(items, 'abc')).not.toEqual(shuffleWithSeed(items, 'abd'));
    expect([...shuffleWithSeed(items, 'abc')].sort((a, b) => a - b)).toEqual(items);
  });
});
