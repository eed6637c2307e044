/**
 * A course as the rule engine and the progress pages see it: lessons in
 * order with their activities, the completion rule, version and content hash.
 * Built from the content collections by `server/learning/catalog.ts`.
 */
export interface LessonStructure {
  /** Lesson slug within the course. */
  id: string;
  title: string;
  order: number;
  minutes: number;
  optional: boolean;
  quizIds: string[];
  caseIds: string[];
  reflectionIds: string[];
}

export interface CourseStructure {
  id: string;
  title: string;
  version: string;
  contentHash: string;
  lessons: LessonStructure[];
  /** Lesson ids that must be complete. */
  requiredLessonIds: string[];
  minFinalScore: number;
  finalQuestionIds: string[];
  /** The course is complete only after attending one of its live sessions. */
  requiresLiveSession?: boolean;
  certificateValidityMonths?: number;
  /** What a certificate records about the course. */
  summary?: string;
  outcomes?: string[];
  creditHours?: number;
}

/** The URL of a lesson page. */
export function lessonPath(courseId: string, lessonId: string): string {
  return `/kurssit/${courseId}/${lessonId}`;
}

interface LessonInput {
  slug: string;
  data: { title: string; order: number; minutes: number; optional: boolean; quiz: { id: string }[]; cases: { id: string }[]; reflections: { id: string }[] };
}

/**
 * Builds a course's structure from its parsed content; shared by the server's
 * catalog (from the content collections) and tests (from the files).
 */
export function buildCourseStructure(input: {
  id: string;
  contentHash: string;
  course: {
    title: string;
    version: string;
    completion: { requiredLessons: 'all' | string[]; minFinalScore: number; liveSession?: boolean };
    certificateValidityMonths?: number;
    summary?: string;
    outcomes?: string[];
    creditHours?: number;
  };
  lessons: LessonInput[];
  finalQuestionIds: string[];
}): CourseStructure {
  const lessons = [...input.lessons]
    .sort((a, b) => a.data.order - b.data.order)
    .map((l) => ({
      id: l.slug,
      title: l.data.title,
      order: l.data.order,
      minutes: l.data.minutes,
      optional: l.data.optional,
      quizIds: l.data.quiz.map((q) => q.id),
      caseIds: l.data.cases.map((c) => c.id),
      reflectionIds: l.data.reflections.map((r) => r.id),
    }));
  const required = input.course.completion.requiredLessons;
  return {
    id: input.id,
    title: input.course.title,
    version: input.course.version,
    contentHash: input.contentHash,
    lessons,
    requiredLessonIds: required === 'all' ? lessons.filter((l) => !l.optional).map((l) => l.id) : required,
    minFinalScore: input.course.completion.minFinalScore,
    finalQuestionIds: input.finalQuestionIds,
    requiresLiveSession: input.course.completion.liveSession === true,
    certificateValidityMonths: input.course.certificateValidityMonths,
    summary: input.course.summary,
    outcomes: input.course.outcomes,
    creditHours: input.course.creditHours,
  };
}

/** The completion rule in words, as certificates and credentials state it. */
export function describeCompletionRule(course: Pick<CourseStructure, 'requiredLessonIds' | 'minFinalScore' | 'finalQuestionIds' | 'requiresLiveSession'>, attended?: { title: string; date: string }): string {
  const lessons = course.requiredLessonIds.length;
  const final = course.finalQuestionIds.length ? ` ja loppukokeesta vähintään ${course.minFinalScore} % oikein` : '';
  const live = course.requiresLiveSession ? (attended ? `; osallistuminen koulutustilaisuuteen ${attended.title} ${attended.date}` : '; osallistuminen yhteen kurssin koulutustilaisuuteen') : '';
  return `Kaikki ${lessons} vaadittua oppituntia luettuina ja niiden tehtävät tehtyinä${final}${live}.`;
}

/** The certificate facts of a course at this moment (stored with each completion). */
export function completionSnapshot(course: CourseStructure, attended?: { title: string; date: string }) {
  return {
    title: course.title,
    description: course.summary ?? course.title,
    outcomes: course.outcomes ?? [],
    creditHours: course.creditHours ?? 0,
    criteria: describeCompletionRule(course, attended),
    validityMonths: course.certificateValidityMonths ?? null,
  };
}
