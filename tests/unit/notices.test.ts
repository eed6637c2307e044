import { describe, expect, it } from 'vitest';
import { noticesDue, type NoticeInput } from '../../src/lib/reporting/notices';
import { addDaysToKey } from '../../src/lib/format';

const due = '2026-12-31';
const on = (offset: number) => addDaysToKey(due, offset);
const assigned: NoticeInput = { status: 'kesken', dueDate: due, renewal: false, assignedOn: '2026-11-01' };

describe('noticesDue', () => {
  it('says "assigned" until the due date, and reminds 14 and 3 days before', () => {
    expect(noticesDue(assigned, '2026-11-01')).toEqual(['assigned']);
    expect(noticesDue(assigned, on(-15))).toEqual(['assigned']);
    expect(noticesDue(assigned, on(-14))).toEqual(['assigned', 'due-14']);
    expect(noticesDue(assigned, on(-4))).toEqual(['assigned', 'due-14']);
    expect(noticesDue(assigned, on(-3))).toEqual(['assigned', 'due-3']);
    expect(noticesDue(assigned, on(0))).toEqual(['assigned', 'due-3']);
  });

  it('says "overdue" from the first day after the due date', () => {
    expect(noticesDue({ ...assigned, status: 'myöhässä' }, on(1))).toEqual(['overdue']);
    expect(noticesDue({ ...assigned, status: 'myöhässä' }, on(40))).toEqual(['overdue']);
  });

  it('skips window reminders the assigned mail already covers', () => {
    const late = { ...assigned, assignedOn: on(-10) };
    expect(noticesDue(late, on(-10))).toEqual(['assigned']);
    expect(noticesDue(late, on(-3))).toEqual(['assigned', 'due-3']);
    expect(noticesDue({ ...assigned, assignedOn: on(-2) }, on(-1))).toEqual(['assigned']);
  });

  it('says nothing once the course is done, or when nothing is due', () => {
    expect(noticesDue({ ...assigned, status: 'valmis' }, on(-3))).toEqual([]);
    expect(noticesDue({ ...assigned, dueDate: null }, on(-3))).toEqual([]);
  });

  it('warns 90, 30 and 7 days before a required certificate lapses, then says overdue', () => {
    const renewal: NoticeInput = { status: 'valmis', dueDate: due, renewal: true, assignedOn: '2024-01-01' };
    expect(noticesDue(renewal, on(-91))).toEqual([]);
    expect(noticesDue(renewal, on(-90))).toEqual(['expiry-90']);
    expect(noticesDue(renewal, on(-31))).toEqual(['expiry-90']);
    expect(noticesDue(renewal, on(-30))).toEqual(['expiry-30']);
    expect(noticesDue(renewal, on(-7))).toEqual(['expiry-7']);
    expect(noticesDue(renewal, on(0))).toEqual(['expiry-7']);
    expect(noticesDue({ ...renewal, status: 'vanhentunut' }, on(1))).toEqual(['overdue']);
  });
});
