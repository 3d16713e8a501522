// End-to-end test of the dashboard in a real browser: Debian's chromium
// (headless, no sandbox) driven by playwright-core, against a psirt server
// this test starts on 127.0.0.1. A reporter submits through the public
// form; the PSIRT signs in, triages and assigns it and finds it on the
// agenda; a maintainer of another area cannot see it; the reporter's
// private link shows the report. Every textarea gets multi-line text (as
// browsers send it: CRLF), and a refused form keeps what was typed.
// Every page is photographed at 1280 and at 390 px (a phone) and must fit
// the narrow width without sideways scrolling. Screenshots go to $E2E_OUT.
//
//   node e2e/dashboard.e2e.mjs  (PSIRT_BINARY=build/psirt, E2E_OUT=build/e2e)
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const psirt = process.env.PSIRT_BINARY || 'build/psirt';
const out = process.env.E2E_OUT || 'build/e2e';
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'psirt-e2e-'));
const ws = join(dir, 'ws');
const run = (...args) => execFileSync(psirt, ['--workspace', ws, ...args], { encoding: 'utf8', input: args.includes('passwd') ? 'correct horse battery\n' : undefined });

writeFileSync(join(dir, 'MAINTAINERS.yml'),
  'Bluetooth:\n  maintainers:\n    - bt-dev\n  files:\n    - subsys/bluetooth/\n' +
  'Networking:\n  maintainers:\n    - net-dev\n  files:\n    - subsys/net/\n');
execFileSync(psirt, ['init', ws, '--project', 'e2e', '--prefix', 'E2E', '--maintainers', join(dir, 'MAINTAINERS.yml')]);
appendFileSync(join(ws, 'psirt.yml'), 'server:\n  attachment_kb: 64\n');
run('user', 'add', 'lead', '--role', 'psirt', '--github', 'lead');
run('user', 'passwd', 'lead');
run('user', 'add', 'net-dev', '--role', 'maintainer', '--github', 'net-dev');
run('user', 'passwd', 'net-dev');

const server = spawn(psirt, ['--workspace', ws, 'serve', '--listen', '127.0.0.1:0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let buf = '';
  server.stdout.on('data', (d) => {
    buf += d;
    const m = buf.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error('psirt serve exited with ' + code)));
  setTimeout(() => reject(new Error('psirt serve did not start')), 15000);
});

// A screenshot of `page` at both widths (NAME-1280.png, NAME-390.png); at
// 390 px nothing may be wider than the screen.
async function shoot(page, name) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    // On failure, the elements that stick out (the innermost first).
    const culprits = wide <= width ? [] : await page.evaluate((w) => [...document.querySelectorAll('body *')]
      .filter((e) => (e.getBoundingClientRect().right > w + 0.5 || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible')) && ![...e.children].some((k) => k.getBoundingClientRect().right > w + 0.5))
      .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right)), width);
    assert.ok(wide <= width, `${name}: ${wide} px wide at ${width} px: ${culprits.join(', ')}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const browser = await chromium.launch({ executablePath: browserPath, headless: true, args: ['--no-sandbox'] });
let failed = false;
try {
  // 1. A reporter submits through the public form: multi-line text (the
  // browser sends CRLF), a refusal that keeps what was typed, a file over
  // the limit caught before it is sent.
  const reporter = await browser.newContext();
  const rp = await reporter.newPage();
  await rp.goto(base + '/report');
  const description = 'A crafted **K-frame** overflows the reassembly buffer.\n\nSteps:\n1. pair\n2. send the frame\n\n<img src=x onerror="document.title=1">';
  await rp.fill('textarea[name=description]', description);
  await rp.fill('input[name=affected]', 'subsys/bluetooth/host/l2cap.c, v3.6.0');
  await rp.fill('input[name=reporter_email]', 'rae@lab.example');
  assert.match(await rp.textContent('#report-form'), /Your name \(optional\)/, 'no identity is demanded');
  await rp.click('button[type=submit]');  // no title: refused by the server
  assert.match(await rp.textContent('#report-form'), /a title is needed/);
  assert.equal(await rp.inputValue('textarea[name=description]'), description, 'the description comes back, lines and all');
  assert.equal(await rp.inputValue('input[name=reporter_email]'), 'rae@lab.example');
  await rp.fill('input[name=title]', 'Heap overflow in <L2CAP> reassembly');
  await rp.fill('input[name=reporter_name]', 'Rae Searcher');
  await rp.setInputFiles('input[name=attachment]', { name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(100 * 1024, 1) });
  await rp.click('button[type=submit]');  // over 64 KiB: stopped in the page
  assert.match(await rp.textContent('#attachment-error'), /larger than 64 KiB/);
  assert.match(rp.url(), /\/report$/);
  assert.equal(await rp.inputValue('textarea[name=description]'), description, 'nothing typed is lost');
  await rp.setInputFiles('input[name=attachment]', { name: 'poc.txt', mimeType: 'text/plain', buffer: Buffer.from('proof of concept') });
  await shoot(rp, 'report-form');
  await rp.click('button[type=submit]');
  const link = await rp.getAttribute('#private-link', 'href');
  assert.match(link, /^\/r\/r_[A-Za-z0-9_-]{40,}$/);
  assert.equal(await rp.textContent('#private-link'), base + link, 'the whole link to keep');
  assert.ok(await rp.isVisible('button[data-copy=private-link]'), 'with a copy button');
  await shoot(rp, 'report-sent');

  // 2. The PSIRT signs in, triages and assigns it, and finds it on the agenda.
  const team = await browser.newContext();
  const tp = await team.newPage();
  await tp.goto(base + '/login');
  await shoot(tp, 'login');
  await tp.fill('input[name=name]', 'lead');
  await tp.fill('input[name=password]', 'correct horse battery');
  await tp.click('button[type=submit]');
  await tp.waitForSelector('h1:text("Agenda")');
  const cookies = await team.cookies();
  const session = cookies.find((c) => c.name === 'psirt_session');
  assert.ok(session && session.httpOnly && session.sameSite === 'Strict', 'session cookie: HttpOnly, SameSite=Strict');
  // The new report is on the agenda: acknowledge it, triage it.
  const id = (await tp.textContent('#agenda tbody tr td:nth-child(2) a')).trim();
  assert.match(id, /^E2E-\d{4}-0001$/);
  assert.match(await tp.textContent('#agenda'), /acknowledge the report/);
  await shoot(tp, 'agenda');
  await tp.click(`a[href="/advisories/${id}"]`);
  assert.equal(await tp.textContent('h1'), `${id}: Heap overflow in <L2CAP> reassembly`, 'the title is shown as text, not markup');
  tp.on('dialog', (d) => d.accept());  // the confirmation before a move (progressive enhancement)
  // The action forms are folded: each opens on its summary.
  assert.equal(await tp.isVisible('form[action$="/triage"] input[name=cvss]'), false, 'folded until opened');
  await tp.click('#form-move summary');
  await tp.selectOption('form[action$="/move"] select[name=state]', 'Triage');
  await tp.click('form[action$="/move"] button');
  await tp.click('#form-triage summary');
  await tp.fill('form[action$="/triage"] input[name=cvss]', 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
  await tp.fill('form[action$="/triage"] input[name=files]', 'subsys/bluetooth/host/l2cap.c');
  await tp.click('form[action$="/triage"] button');
  await tp.click('#form-assign summary');
  await tp.fill('form[action$="/assign"] input[name=user]', 'bt-dev');
  await tp.click('form[action$="/assign"] button');
  // The description rendered as Markdown, its HTML not obeyed.
  assert.deepEqual(await tp.$$eval('#description ol li', (els) => els.map((e) => e.textContent)), ['pair', 'send the frame']);
  assert.equal(await tp.textContent('#description strong'), 'K-frame');
  assert.equal(await tp.$$eval('#description img', (els) => els.length), 0, 'raw HTML is dropped');
  assert.notEqual(await tp.title(), '1');
  // CVSS parts by name, as GitHub shows them.
  assert.match(await tp.textContent('#cvss-parts'), /Attack Vector\s*Adjacent Network/);
  await tp.click('#form-note summary');
  await tp.fill('form[action$="/note"] textarea[name=text]', 'Which controller did you use?\nAnd which firmware?');
  await tp.check('form[action$="/note"] input[name=with_reporter]');
  await tp.click('form[action$="/note"] button');
  const details = await tp.textContent('table.details');
  assert.match(details, /High/);
  assert.match(await tp.textContent('span.state'), /Assigned/);
  assert.match(await tp.textContent('#need-to-know'), /bt-dev/);
  await shoot(tp, 'advisory');
  // Assigned in the list (nothing is due on the agenda until the fix's deadline nears).
  await tp.goto(base + '/advisories?state=Assigned');
  assert.match(await tp.textContent('main table'), new RegExp(id));
  await shoot(tp, 'advisories');
  await tp.goto(base + '/jobs');
  await shoot(tp, 'jobs');

  // 3. A maintainer of another area: invisible everywhere.
  const other = await browser.newContext();
  const op = await other.newPage();
  await op.goto(base + '/login');
  await op.fill('input[name=name]', 'net-dev');
  await op.fill('input[name=password]', 'correct horse battery');
  await op.click('button[type=submit]');
  await op.waitForSelector('h1:text("Agenda")');
  assert.doesNotMatch(await op.content(), new RegExp(id));
  await op.goto(base + '/advisories?q=L2CAP');
  assert.doesNotMatch(await op.content(), /L2CAP reassembly/);
  const hidden = await op.goto(base + '/advisories/' + id);
  assert.equal(hidden.status(), 404);
  const hiddenBody = await hidden.text();
  const missingBody = await (await op.goto(base + '/advisories/E2E-2026-0999')).text();
  assert.equal(hiddenBody, missingBody, 'hidden looks exactly like missing');

  // 4. The reporter follows the private link, sees the question and answers.
  await rp.goto(base + link);
  assert.match(await rp.textContent('main'), /Assigned/);
  await shoot(rp, 'reporter-link');
  assert.match(await rp.textContent('main'), /Which controller did you use\?\nAnd which firmware\?/);
  await rp.fill('textarea[name=text]', 'An nRF52840 DK.\nFirmware 2.6.1.');
  await rp.click('button[type=submit]');
  assert.match(await rp.textContent('.timeline'), /An nRF52840 DK\.\nFirmware 2\.6\.1\./);
  assert.doesNotMatch(await rp.content(), /bt-dev/, 'no internal names on the reporter page');
  console.log(`e2e: ok (${id}; screenshots in ${out})`);
} catch (e) {
  failed = true;
  console.error('e2e: FAILED:', e);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
