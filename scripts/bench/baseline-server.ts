/**
 * The bare baseline of `npm run bench`: `node:http` and better-sqlite3 with
 * statements prepared once, doing the same database work as the project for
 * each benchmarked path and sending the same bytes (captured from the project
 * beforehand). Run directly with Node (type stripping), never through tsx.
 *
 * argv: <database file> <responses.json>; prints `{"port":N}` when listening.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import Database from 'better-sqlite3';

interface Captured {
  path: string;
  /** Work besides sending the bytes: none, a session lookup, plus an audit row, or a progress row. */
  work: 'none' | 'session' | 'session+audit' | 'session+insert';
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

const [file, responsesFile] = process.argv.slice(2);
if (!file || !responsesFile) throw new Error('usage: baseline-server <db> <responses.json>');
const captured = JSON.parse(fs.readFileSync(responsesFile, 'utf8')) as Captured[];
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.exec('CREATE TABLE IF NOT EXISTS bench_write (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, question TEXT NOT NULL, at INTEGER NOT NULL)');

const findSession = db.prepare('SELECT s.id, s.secret_hash, s.created_at, s.last_seen_at, u.id AS user_id, u.name, u.email, u.disabled_at FROM session s JOIN "user" u ON u.id = s.user_id WHERE s.id = ?');
const findRoles = db.prepare('SELECT role FROM user_role WHERE user_id = ?').pluck();
const insertAudit = db.prepare("INSERT INTO audit_log (at, actor_id, action, target_type, target_id, ip) VALUES (?, ?, 'manager.learner_viewed', 'user', ?, ?)");
const insertWrite = db.prepare('INSERT INTO bench_write (user_id, question, at) VALUES (?, ?, ?)');

function lookUpSession(cookie: string | undefined): number | undefined {
  const token = /(?:^|;\s*)session=([^;]+)/.exec(cookie ?? '')?.[1];
  const [id, secret] = token?.split('.') ?? [];
  if (!id || !secret) return undefined;
  const row = findSession.get(id) as { user_id: number; secret_hash: Buffer } | undefined;
  if (!row) return undefined;
  const hash = crypto.createHash('sha256').update(secret).digest();
  if (hash.length !== row.secret_hash.length || !crypto.timingSafeEqual(hash, row.secret_hash)) return undefined;
  findRoles.all(row.user_id);
  return row.user_id;
}

const byPath = new Map(
  captured.map((c) => {
    const headers = { ...c.headers, 'content-length': String(Buffer.from(c.bodyBase64, 'base64').length) };
    return [c.path.split('?')[0], { ...c, headers, body: Buffer.from(c.bodyBase64, 'base64') }] as const;
  }),
);

const server = http.createServer((req, res) => {
  const pathname = (req.url ?? '/').split('?')[0]!;
  if (pathname === '/healthz') {
    findRoles.all(0);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
    return;
  }
  const entry = byPath.get(pathname);
  if (!entry) {
    res.writeHead(404);
    res.end();
    return;
  }
  const send = () => {
    res.writeHead(entry.status, entry.headers);
    res.end(entry.body);
  };
  if (entry.work === 'none') return send();
  const userId = lookUpSession(req.headers.cookie);
  if (entry.work === 'session+audit' && userId) insertAudit.run(Date.now(), userId, userId, req.socket.remoteAddress ?? null);
  if (entry.work === 'session+insert') {
    // The project reads a small form body; so does the baseline.
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      insertWrite.run(userId ?? 0, body.slice(0, 60), Date.now());
      send();
    });
    return;
  }
  send();
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  db.close();
  process.exit(0);
});
