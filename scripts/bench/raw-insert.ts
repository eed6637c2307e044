/**
 * The raw write ceiling for `npm run bench`: single-row inserts, one
 * transaction each, WAL with `synchronous=FULL`, for a fixed time.
 * argv: <database file> <seconds>; prints `{"perSecond":N}`.
 */
import Database from 'better-sqlite3';

const [file, seconds] = process.argv.slice(2);
const db = new Database(file!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, question TEXT NOT NULL, at INTEGER NOT NULL)');
const insert = db.prepare('INSERT INTO bench_raw (user_id, question, at) VALUES (?, ?, ?)');
const until = performance.now() + Number(seconds ?? 3) * 1000;
let n = 0;
while (performance.now() < until) {
  insert.run(n % 1000, 'q-answer', Date.now());
  n += 1;
}
const elapsed = Number(seconds ?? 3);
db.close();
process.stdout.write(`${JSON.stringify({ perSecond: Math.round(n / elapsed) })}\n`);
