/**
 * `npm run lock:complete` — after `npm install` of a package with per-platform
 * optional binaries, adds lock entries for the platforms the registry mirror
 * does not carry, so that `npm ci` accepts the lock file everywhere. The
 * entries are optional and name their os/cpu, so npm skips them on other
 * platforms and never downloads them.
 */
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const OS = { darwin: 'darwin', linux: 'linux', win32: 'win32', windows: 'win32', freebsd: 'freebsd', android: 'android', openbsd: 'openbsd', sunos: 'sunos', aix: 'aix', netbsd: 'netbsd' };
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'wasm32', 'riscv64', 'ppc64', 's390x', 'loong64'];

let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = key ? `${key}/node_modules/` : 'node_modules/';
    if (lock.packages[`node_modules/${name}`] || lock.packages[`${base}${name}`]) continue;
    const exact = String(version).replace(/^[\^~=]/, '');
    if (!/^\d+\.\d+\.\d+/.test(exact)) continue;
    const short = name.split('/').pop();
    const parts = short.split('-');
    const os = parts.map((p) => OS[p]).find(Boolean);
    const cpu = parts.find((p) => CPU.includes(p));
    if (!os && !cpu) continue;
    lock.packages[`node_modules/${name}`] = {
      version: exact,
      resolved: `https://registry.npmjs.org/${name}/-/${short}-${exact}.tgz`,
      optional: true,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(os ? { os: [os] } : {}),
    };
    added += 1;
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`Added ${added} optional platform entries to package-lock.json.`);
