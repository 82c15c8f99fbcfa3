// Walks the asset inventory's real frontend (CN-Asset-Manager, served by nginx in front of
// OpsLedger) in Debian's headless Chromium, the way a person would: sign in, dashboard, accounts,
// discovery, assets (create, edit, filter, detail, relationships, bulk update, decommission),
// exports, settings (users, change password, email, OIDC, general), sign out.
//
// Every answer >= 400 and every console error is recorded; the ones a step provokes on purpose
// (a wrong password, the 403 of /api/auth/me before sign-in) are declared by that step. The report
// (JSON) goes to WALK_REPORT; the exit code is 0 only when every step passed and nothing
// unexpected happened.
//
// Environment: WALK_BASE_URL, WALK_USERNAME, WALK_PASSWORD, WALK_NEW_PASSWORD, WALK_ACCOUNT_ID (the
// 12 digits moto answers for), WALK_SMTP_PORT, WALK_SEED_ASSET (an RDS asset with a category, no
// account), WALK_SEED_CATEGORY, WALK_PLAIN_INSTANCE (an EC2 instance in moto; another one's Name
// tag is a formula), WALK_REPORT, WALK_ARTIFACTS (screenshots, downloads), CHROMIUM.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};
const BASE = env('WALK_BASE_URL');
const USER = env('WALK_USERNAME');
const PASSWORD = env('WALK_PASSWORD');
const NEW_PASSWORD = env('WALK_NEW_PASSWORD');
const ACCOUNT_ID = env('WALK_ACCOUNT_ID');
const SMTP_PORT = env('WALK_SMTP_PORT');
const SEED_ASSET = env('WALK_SEED_ASSET');
const SEED_CATEGORY = env('WALK_SEED_CATEGORY');
const PLAIN_INSTANCE = env('WALK_PLAIN_INSTANCE');
const REPORT = env('WALK_REPORT');
const ARTIFACTS = env('WALK_ARTIFACTS');
mkdirSync(ARTIFACTS, { recursive: true });

const report = { steps: [], unexpected: [], missing: [], failure: null };
let step = 'start';
let allowances = []; // {step, method, path, status, required, seen}

/** An answer this step may provoke (required: it must). */
function allow(method, path, status, required = false) {
  allowances.push({ step, method, path, status, required, seen: 0 });
}

function record(kind, detail) {
  report.unexpected.push({ step, kind, ...detail });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // a fresh --user-data-dir is playwright's own temp profile
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1600, height: 1000 } });
const page = await context.newPage();
page.setDefaultTimeout(20_000);

page.on('response', async (response) => {
  if (response.status() < 400) return;
  const url = new URL(response.url());
  const method = response.request().method();
  const match = allowances.find((a) => a.step === step && a.method === method && a.status === response.status()
    && a.path.test(url.pathname));
  if (match) {
    match.seen++;
    return;
  }
  let body = '';
  try {
    body = (await response.text()).slice(0, 500);
  } catch {
    // the page moved on; the status says enough
  }
  record('http', { method, url: url.pathname + url.search, status: response.status(), body });
});
page.on('console', (message) => {
  // failed loads are recorded, with their status, by the response listener
  if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
    record('console', { text: message.text() });
  }
});
page.on('pageerror', (error) => record('pageerror', { text: String(error) }));
page.on('requestfailed', (request) => {
  const failure = request.failure()?.errorText ?? '';
  // a request cancelled by a navigation or a download is no answer at all
  if (!failure.includes('ERR_ABORTED')) {
    record('network', { method: request.method(), url: request.url(), text: failure });
  }
});

async function run(name, body) {
  step = name;
  const started = Date.now();
  try {
    await body();
    // let the last answers of this step arrive while it is still the current one
    await page.waitForLoadState('networkidle').catch(() => {});
    for (const a of allowances.filter((a) => a.step === name && a.required && a.seen === 0)) {
      report.missing.push({ step: name, method: a.method, path: String(a.path), status: a.status });
    }
    report.steps.push({ name, ms: Date.now() - started, ok: true });
  } catch (error) {
    report.steps.push({ name, ms: Date.now() - started, ok: false });
    report.failure = `${name}: ${error.message}`;
    await page.screenshot({ path: join(ARTIFACTS, 'failure.png'), fullPage: true }).catch(() => {});
    writeFileSync(join(ARTIFACTS, 'failure.html'), await page.content().catch(() => ''));
    throw error;
  }
}

// ---- helpers over the page's own markup (labels are siblings of their fields there)

const field = (label, scope = page) => scope.locator(
  `xpath=.//label[normalize-space()=${JSON.stringify(label)}]/following-sibling::*[self::input or self::select or self::textarea][1]`);
const nav = (label) => page.locator('.sidebar .nav-link', { hasText: label });
const row = (text) => page.locator('tbody tr', { hasText: text });
const tab = (label) => page.locator('.nav-tabs button', { hasText: label });
const filterSelect = (label) => page.locator('.filter-group')
  .filter({ has: page.locator('.filter-label', { hasText: new RegExp(`^${label}$`) }) }).locator('select');
const detailValue = (header) => page.locator(`xpath=//tr[th[normalize-space()=${JSON.stringify(header)}]]/td`);

async function expectText(locator, text, timeout = 20_000) {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
}

/** Waits until a field shows the value (a form fills itself once its data has loaded). */
async function valueShown(locator, value, label, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let shown;
  while (Date.now() < deadline) {
    shown = await locator.inputValue();
    if (shown === value) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`${label} reads back as "${shown}", not "${value}"`);
}

async function assetsPage() {
  await nav('Assets').click();
  await page.waitForURL(/\/assets(\?|$)/);
}

async function search(term) {
  await page.getByPlaceholder('Search...').fill(term);
  await page.waitForLoadState('networkidle');
}

async function openAsset(name) {
  await assetsPage();
  await search(name);
  await row(name).getByRole('link', { name, exact: true }).click();
  await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name, exact: true }).waitFor();
}

async function pickAutocomplete(placeholder, query, itemText, badge) {
  const input = page.getByPlaceholder(placeholder);
  await input.fill(query);
  const item = page.locator('.dropdown-menu.show .dropdown-item', { hasText: itemText }).first();
  await item.waitFor();
  if (badge) {
    // the item names the asset's AWS service, from the autocomplete's aws_service_type
    await item.locator('.badge', { hasText: badge }).waitFor();
  }
  await item.click();
}

async function save(buttonName = 'Save') {
  await page.getByRole('button', { name: buttonName, exact: true }).click();
}

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

async function download(linkText) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('a', { hasText: new RegExp(`^\\W*${linkText}$`) }).click(),
  ]);
  const path = join(ARTIFACTS, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

// ---- the walk

try {
  await run('login', async () => {
    allow('GET', /^\/api\/auth\/me\/$/, 403); // not signed in yet: the app asks, then shows the login page
    allow('POST', /^\/api\/auth\/login\/$/, 400, true);
    await page.goto(BASE + '/');
    await page.waitForURL(/\/login/);
    await page.locator('#username').fill(USER);
    await page.locator('#password').fill(PASSWORD + '-wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.alert-danger').waitFor();
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(BASE + '/');
    await page.getByText('Total Assets').waitFor();
  });

  await run('dashboard', async () => {
    await page.getByText('AWS Accounts Summary').waitFor();
    await page.getByText('Recent Discovery Jobs').waitFor();
    await page.getByText('Criticality Distribution').waitFor();
    await page.locator('.top-navbar').getByText(USER).waitFor();
  });

  await run('accounts', async () => {
    await nav('AWS Accounts').click();
    await page.getByRole('link', { name: 'Add Account' }).click();
    await field('Account ID *').fill(ACCOUNT_ID);
    await field('Account Name *').fill('Moto');
    await field('Account Type').selectOption('MANAGEMENT');
    await field('Environment').selectOption('PRODUCTION');
    await page.locator('#region-us-east-1').check();
    await field('AWS Access Key ID').fill('test');
    await field('AWS Secret Access Key').fill('test');
    await save();
    await page.waitForURL(/\/accounts$/);
    await row('Moto').locator('code', { hasText: ACCOUNT_ID }).waitFor();

    await row('Moto').getByTitle('Test Connection').click();
    await page.locator('.modal').getByText(`Connection successful. Account: ${ACCOUNT_ID}`).waitFor();
    await page.locator('.modal .btn-close').click();

    await row('Moto').getByTitle('Edit').click();
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}\/edit$/);
    await valueShown(field('Account Name *'), 'Moto', 'Account Name'); // the form has loaded the account
    await field('Account Name *').fill('Moto Prod');
    await save();
    await page.waitForURL(/\/accounts$/);
    await row('Moto Prod').getByText('Management').waitFor();
  });

  await run('discovery', async () => {
    await nav('Discovery').click();
    await page.waitForURL(/\/discovery$/);
    await page.locator('select').selectOption({ label: 'Moto Prod' });
    await page.getByRole('button', { name: 'Start Discovery' }).click();
    const job = row('Moto Prod').first();
    await expectText(job, 'COMPLETED', 120_000);
    await job.getByRole('link').click();
    await page.waitForURL(/\/discovery\/[0-9a-f-]{36}$/);
    await page.getByText('Log Output').waitFor();
    await page.locator('.badge', { hasText: 'COMPLETED' }).waitFor();
    const discovered = Number(await page.locator('.fs-3.text-primary').innerText());
    if (!(discovered >= 2)) throw new Error(`the job says it discovered ${discovered} resources`);
    await page.locator('pre.log-terminal').waitFor();
    // the dashboard lists the account and the job
    await nav('Dashboard').click();
    await page.locator('.dash-card', { hasText: 'AWS Accounts Summary' }).locator('tbody tr', { hasText: 'Moto Prod' }).waitFor();
    await page.locator('.dash-card', { hasText: 'Recent Discovery Jobs' }).locator('tbody tr', { hasText: 'COMPLETED' }).waitFor();
  });

  await run('asset detail with account and category', async () => {
    await openAsset(SEED_ASSET);
    await expectText(detailValue('Category'), SEED_CATEGORY);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/edit$/);
    await valueShown(field('Name *'), SEED_ASSET, 'Name');
    await field('AWS Account').selectOption({ label: 'Moto Prod' });
    await save();
    await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
    await expectText(detailValue('Account'), 'Moto Prod');
    await expectText(detailValue('Category'), SEED_CATEGORY);
  });

  await run('asset create with a dependency', async () => {
    await assetsPage();
    await page.getByRole('link', { name: 'Add Asset' }).click();
    await page.waitForURL(/\/assets\/new$/);
    await field('Name *').fill('e2e-web-manual');
    await field('AWS Service Type').selectOption('EC2');
    await field('Criticality').selectOption('HIGH');
    await field('AWS Account').selectOption({ label: 'Moto Prod' });
    await field('AWS Region').fill('us-east-1');
    await field('Owner').fill('Web Team');
    await field('Department').fill('Engineering');
    await field('URL').fill('https://web.e2e.example');
    const ip = page.getByPlaceholder('e.g. 10.0.1.5');
    await ip.fill('10.9.8.7');
    await ip.press('Enter');
    const dns = page.getByPlaceholder('e.g. app.example.com');
    await dns.fill('web.e2e.example');
    await dns.press('Enter');
    await pickAutocomplete('Search by name, asset ID, IP, DNS...', SEED_ASSET.slice(0, 8), SEED_ASSET, 'RDS');
    await row(SEED_ASSET).waitFor(); // queued until the asset exists
    await save();
    await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'e2e-web-manual' }).waitFor();
    await expectText(detailValue('Account'), 'Moto Prod');
    await expectText(detailValue('Owner'), 'Web Team');
    await page.locator('code', { hasText: '10.9.8.7' }).waitFor();
    const outgoing = page.locator('.card', { hasText: 'Outgoing Relationships' });
    await outgoing.getByRole('link', { name: new RegExp(SEED_ASSET) }).waitFor();
  });

  await run('asset edit and relationships', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/edit$/);
    await valueShown(field('Name *'), 'e2e-web-manual', 'Name');
    const dependencies = page.locator('.card', { hasText: 'Dependencies' });
    await dependencies.locator('tbody tr', { hasText: SEED_ASSET }).getByTitle('Remove').click();
    await dependencies.getByText('No dependencies yet.').waitFor();
    await dependencies.locator('select').selectOption('CONNECTS_TO');
    await pickAutocomplete('Search by name, asset ID, IP, DNS...', SEED_ASSET.slice(0, 8), SEED_ASSET, 'RDS');
    await dependencies.locator('tbody tr', { hasText: 'CONNECTS_TO' }).waitFor();
    // the page refills its form from each reload of the asset: edit once those have settled
    await page.waitForLoadState('networkidle');
    await field('Owner').fill('Web Platform');
    await valueShown(field('Owner'), 'Web Platform', 'Owner');
    await save();
    await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
    await expectText(detailValue('Owner'), 'Web Platform');
    await page.locator('.card', { hasText: 'Outgoing Relationships' }).locator('tr', { hasText: 'CONNECTS_TO' }).waitFor();
    // and the other end sees it coming in
    await page.locator('.card', { hasText: 'Outgoing Relationships' }).getByRole('link', { name: new RegExp(SEED_ASSET) }).click();
    await page.getByRole('heading', { name: SEED_ASSET }).waitFor();
    await page.locator('.card', { hasText: 'Incoming Relationships' }).getByRole('link', { name: /e2e-web-manual/ }).waitFor();
  });

  await run('asset filters', async () => {
    await assetsPage();
    await search('');
    await filterSelect('Service').selectOption('EC2');
    await row(PLAIN_INSTANCE).waitFor();
    await row('e2e-web-manual').waitFor();
    if (await row(SEED_ASSET).count() > 0) throw new Error('the EC2 filter still shows the RDS asset');
    await filterSelect('Account').selectOption({ label: `Moto Prod (${ACCOUNT_ID})` });
    await row(PLAIN_INSTANCE).waitFor();
    // exclude what the search finds: Criticalities > High hides e2e-web-manual
    await page.getByText('Criticalities', { exact: true }).click();
    await page.locator('label[for="excl-Criticalities-HIGH"]').click();
    // the page asks again after the click: the row goes once its answer arrives (the page was idle already,
    // so waiting for network idle does not wait for that answer)
    await row('e2e-web-manual').waitFor({ state: 'detached' })
      .catch(() => { throw new Error('excluding High still shows e2e-web-manual'); });
    await page.getByRole('button', { name: 'Clear all' }).click();
    await row(SEED_ASSET).waitFor();
  });

  await run('bulk update and bulk dependency', async () => {
    await search('e2e-');
    for (const name of ['e2e-web-manual', SEED_ASSET]) {
      await row(name).locator('input[type=checkbox]').check();
    }
    const bar = page.locator('.alert-info');
    await bar.getByText('2 selected').waitFor();
    await bar.getByPlaceholder('Owner').fill('Bulk Owner');
    await bar.locator('select').first().selectOption('LOW');
    await bar.getByRole('button', { name: 'Update' }).click();
    await bar.waitFor({ state: 'detached' });
    await row('e2e-web-manual').getByText('Bulk Owner').waitFor();
    await row(SEED_ASSET).getByText('Bulk Owner').waitFor();
    await row(SEED_ASSET).getByText('LOW').waitFor();

    await row('e2e-web-manual').locator('input[type=checkbox]').check();
    await bar.locator('select').nth(2).selectOption('MANAGED_BY');
    await pickAutocomplete('Search target asset...', PLAIN_INSTANCE.slice(0, 8), PLAIN_INSTANCE, 'EC2');
    await bar.getByText(`Added 1 dependencies to "${PLAIN_INSTANCE}".`).waitFor();
  });

  await run('exports', async () => {
    await search('');
    const csvPath = await download('CSV');
    const [header, ...rows] = parseCsv(readFileSync(csvPath, 'utf8'));
    if (header[0] !== 'Asset ID' || header[1] !== 'Name') throw new Error(`the CSV's header is ${header}`);
    const names = rows.map((r) => r[1]);
    if (!names.includes(SEED_ASSET)) throw new Error(`the CSV lacks the seeded asset: ${names}`);
    // an instance's Name tag is a formula: the CSV must not hand it to a spreadsheet as one
    const formula = names.find((n) => n.includes('HYPERLINK'));
    if (!formula) throw new Error(`the CSV lacks the discovered instance named by a formula: ${names}`);
    if (!formula.startsWith("'=")) throw new Error(`the formula is exported as ${formula}`);
    const live = rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
    if (live.length > 0) throw new Error(`cells a spreadsheet would run: ${live}`);
    const excelPath = await download('Excel');
    const excel = readFileSync(excelPath);
    if (excel.subarray(0, 2).toString() !== 'PK' || excel.length < 1000) throw new Error('the Excel export is no workbook');
  });

  await run('asset decommission', async () => {
    await openAsset('e2e-web-manual');
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Decommission' }).click();
    await page.waitForURL(/\/assets(\?|$)/);
    await search('e2e-web-manual');
    await page.getByText('No assets found.').waitFor();
  });

  await run('settings: users', async () => {
    await nav('Settings').click();
    await page.waitForURL(/\/settings$/);
    await page.getByRole('button', { name: 'Add User' }).click();
    const modal = page.locator('.modal');
    await field('Username', modal).fill('e2e-auditor');
    await field('Email', modal).fill('auditor@example.com');
    await field('Password', modal).fill('auditor-pass-1');
    await field('Role', modal).selectOption('admin');
    await modal.getByRole('button', { name: 'Create User' }).click();
    await modal.waitFor({ state: 'detached' });
    await row('e2e-auditor').getByText('admin', { exact: true }).waitFor();

    await row('e2e-auditor').getByTitle('Edit').click();
    await valueShown(field('Username', modal), 'e2e-auditor', 'Username');
    await field('Role', modal).selectOption('readonly');
    await modal.getByRole('button', { name: 'Save Changes' }).click();
    await modal.waitFor({ state: 'detached' });
    await row('e2e-auditor').getByText('readonly', { exact: true }).waitFor();

    await row('e2e-auditor').getByTitle('Delete').click();
    await modal.getByRole('button', { name: 'Delete' }).click();
    await row('e2e-auditor').waitFor({ state: 'detached' });
  });

  await run('settings: change password', async () => {
    allow('POST', /^\/api\/auth\/change-password\/$/, 400, true);
    await row(USER).getByTitle('Change Password').click();
    const modal = page.locator('.modal');
    await field('Current Password', modal).fill(PASSWORD + '-wrong');
    await field('New Password', modal).fill(NEW_PASSWORD);
    await field('Confirm New Password', modal).fill(NEW_PASSWORD);
    await modal.getByRole('button', { name: 'Change Password' }).click();
    await modal.locator('.invalid-feedback', { hasText: 'Current password is incorrect.' }).waitFor();
    await field('Current Password', modal).fill(PASSWORD);
    await modal.getByRole('button', { name: 'Change Password' }).click();
    await modal.getByText('Password changed successfully.').waitFor();
    await modal.getByRole('button', { name: 'Close' }).click();
    await modal.waitFor({ state: 'detached' });
    // still signed in
    await page.reload();
    await page.getByRole('button', { name: 'Add User' }).waitFor();
  });

  await run('settings: email', async () => {
    await tab('Email').click();
    await valueShown(field('From Address'), 'opsledger@localhost', 'From Address'); // the settings have loaded
    await page.locator('#email-backend-smtp').check();
    await field('Host').fill('127.0.0.1');
    await field('Port').fill(SMTP_PORT);
    await field('From Name').fill('Asset Manager E2E');
    // the From Address stays as served (opsledger@localhost): saving it back must work
    await page.getByRole('button', { name: 'Save Settings' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    await page.getByPlaceholder('you@example.com').fill('ops@example.com');
    await page.getByRole('button', { name: 'Send Test Email' }).click();
    await page.getByText('Test email sent successfully.').waitFor();
  });

  await run('settings: OIDC', async () => {
    await tab('OIDC').click();
    await valueShown(field('Role Claim'), 'roles', 'Role Claim');
    await page.locator('#oidc-enabled').check();
    await field('Authority URL').fill('https://login.example.com/tenant/v2.0');
    await field('Client ID').fill('asset-manager');
    await field('User Info Endpoint').fill('https://login.example.com/userinfo');
    await field('Role Claim').fill('groups');
    await field('Admin Role Value').fill('asset-admins');
    await page.getByRole('button', { name: 'Save Settings' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    await page.reload();
    await tab('OIDC').click();
    for (const [label, value] of [['Authority URL', 'https://login.example.com/tenant/v2.0'],
      ['User Info Endpoint', 'https://login.example.com/userinfo'], ['Role Claim', 'groups'],
      ['Admin Role Value', 'asset-admins']]) {
      await valueShown(field(label), value, label);
    }
    await page.locator('#oidc-enabled').uncheck();
    await page.getByRole('button', { name: 'Save Settings' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
  });

  await run('settings: general', async () => {
    await tab('General').click();
    await valueShown(field('Session Timeout (minutes)'), '480', 'Session Timeout');
    await field('Session Timeout (minutes)').fill('600');
    await page.getByRole('button', { name: 'Save Settings' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
  });

  await run('logout and sign in with the new password', async () => {
    allow('GET', /^\/api\/auth\/me\/$/, 403); // signed out: the login page asks once
    await page.locator('.top-navbar').getByRole('button', { name: USER }).click();
    await page.getByRole('button', { name: 'Logout' }).click();
    await page.waitForURL(/\/login/);
    await page.locator('#username').fill(USER);
    await page.locator('#password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(BASE + '/');
    await page.getByText('Total Assets').waitFor();
  });
} catch {
  // the failing step is in the report
} finally {
  await browser.close().catch(() => {});
  writeFileSync(REPORT, JSON.stringify(report, null, 2));
}

const ok = !report.failure && report.unexpected.length === 0 && report.missing.length === 0;
for (const s of report.steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.ms} ms)`);
if (report.failure) console.log(`failure: ${report.failure}`);
for (const u of report.unexpected) console.log(`unexpected: ${JSON.stringify(u)}`);
for (const m of report.missing) console.log(`expected but not seen: ${JSON.stringify(m)}`);
process.exit(ok ? 0 : 1);
