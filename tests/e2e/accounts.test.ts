// Accounts in Chromium against the real server and the built app: sign in through the form (a wrong
// password is said clearly), open a map without any key, a viewer member sees it read-only, the
// header shows who is signed in without overlapping anything, and no key is in any src or href.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addStage, addTouchpoint, attachMedia, type MediaRef } from '../../src/model';
import { ADMIN, addMember, call, setupAdmin } from '../server/helpers/accounts';
import { upload } from '../server/helpers/media';
import { minimalPdf, tinyPng } from '../server/fixtures/media';
import { startTestServer } from '../server/helpers/testServer';
import { DIST, launchChromium } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function signInThroughForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('account-menu').waitFor();
}

async function openWithoutKey(page: Page, baseUrl: string, mapId: string): Promise<void> {
  await page.goto(`${baseUrl}/map/${mapId}`);
  await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 15_000 });
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('accounts in the browser', () => {
  it('signs in, opens a map with no key, shows it read-only to a viewer member, and puts no key in a URL', async () => {
    const server = await startTestServer({ distDir: DIST });
    const adminCookie = await setupAdmin(server.url);
    const created = await call<{ id: string; editorKey: string; viewerKey: string }>(server.url, 'POST', '/api/maps', {
      cookie: adminCookie,
      body: { title: 'Refund journey' },
    });
    const map = created.body;
    const png = await upload(server.url, map, tinyPng(), 'receipt.png');
    const pdf = await upload(server.url, map, minimalPdf(), 'policy.pdf');
    await server.server.rooms.use(map.id, (room) => {
      addStage(room.doc, { label: 'Contact', id: 'stage' });
      addTouchpoint(room.doc, { stageId: 'stage', label: 'Sends the receipt', id: 'tp' });
      attachMedia(room.doc, 'tp', png as MediaRef);
      attachMedia(room.doc, 'tp', pdf as MediaRef);
    });
    await addMember(server.url, adminCookie, 'vera@example.com', 'viewer', 'Vera Viewer');

    // the admin: a wrong password is said, then signs in and edits the map without a key
    const adminPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await adminPage.goto(`${server.url}/sign-in`);
    await adminPage.getByLabel('Email').fill(ADMIN.email);
    await adminPage.getByLabel('Password').fill('not the password');
    await adminPage.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => adminPage.getByRole('alert').textContent()).toBe('Wrong email or password.');
    await signInThroughForm(adminPage, server.url, ADMIN.email, ADMIN.password);
    await openWithoutKey(adminPage, server.url, map.id);
    expect(await adminPage.locator('.topbar .role-badge').textContent()).toBe('Editor');
    expect(await adminPage.getByRole('dialog', { name: 'Who are you?' }).count()).toBe(0); // the account names them
    expect(await adminPage.getByTestId('account-menu').textContent()).toContain(ADMIN.name);
    // the header's account corner sits inside the bar, clear of its neighbours
    const bar = await adminPage.locator('.map-page .topbar').boundingBox();
    const menu = await adminPage.getByTestId('account-menu').boundingBox();
    const language = await adminPage.locator('.topbar .language-switch').boundingBox();
    const share = await adminPage.locator('.topbar').getByRole('button', { name: 'Share' }).boundingBox();
    expect(bar && menu && language && share).toBeTruthy();
    if (bar && menu && language && share) {
      expect(menu.y).toBeGreaterThanOrEqual(bar.y);
      expect(menu.y + menu.height).toBeLessThanOrEqual(bar.y + bar.height);
      expect(menu.x + menu.width).toBeLessThanOrEqual(bar.x + bar.width);
      expect(overlaps(menu, language)).toBe(false);
      expect(overlaps(menu, share)).toBe(false);
    }
    await adminPage
      .getByRole('toolbar', { name: 'Map tools' })
      .getByRole('button', { name: 'Touchpoint', exact: true })
      .click();
    const input = adminPage.locator('.inline-label-input');
    await input.fill('Asks for a refund');
    await input.press('Enter');
    await expect
      .poll(() =>
        server.server.rooms.use(map.id, (room) =>
          [...room.doc.getMap('nodes').values()].some(
            (node) => (node as { get(k: string): unknown }).get('label') === 'Asks for a refund',
          ),
        ),
      )
      .toBe(true);

    const nodesBefore = await server.server.rooms.use(map.id, (room) => room.doc.getMap('nodes').size);

    // the viewer member: the map opens read-only, under her account's name
    const viewerPage = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signInThroughForm(viewerPage, server.url, 'vera@example.com', 'a long enough password');
    await openWithoutKey(viewerPage, server.url, map.id);
    expect(await viewerPage.locator('.topbar .role-badge').textContent()).toBe('Viewer');
    await viewerPage.getByText('View only').first().waitFor();
    expect(
      await viewerPage
        .getByRole('toolbar', { name: 'Map tools' })
        .getByRole('button', { name: 'Touchpoint', exact: true })
        .count(),
    ).toBe(0);
    await viewerPage.locator('[data-testid="touchpoint"]', { hasText: 'Asks for a refund' }).waitFor();
    // the admin sees Vera by her real name
    await adminPage
      .locator('.presence-avatars')
      .getByLabel(/Vera Viewer/)
      .first()
      .waitFor({ timeout: 10_000 });

    // media: the image is a blob, the document link carries a short-lived token, never a key
    const card = viewerPage.locator('[data-testid="touchpoint"]', { hasText: 'Sends the receipt' });
    await card.locator('[data-testid="media-strip"] img').waitFor({ timeout: 10_000 });
    await card.click({ position: { x: 40, y: 10 } });
    await viewerPage.getByTestId('inspector').waitFor();
    const documentLink = viewerPage.locator('a.media-document', { hasText: 'policy.pdf' });
    await expect
      .poll(() => documentLink.getAttribute('href'))
      .toMatch(/\/media\/[0-9a-f]{64}\?t=[0-9a-z]+\.[\w-]{32}$/);
    const href = (await documentLink.getAttribute('href')) ?? '';
    expect(await viewerPage.evaluate((url) => fetch(url, { credentials: 'omit' }).then((r) => r.status), href)).toBe(
      200,
    );
    for (const page of [adminPage, viewerPage]) {
      const urls = await page.evaluate(() =>
        [...document.querySelectorAll('[src], [href]')].map(
          (el) => el.getAttribute('src') ?? el.getAttribute('href') ?? '',
        ),
      );
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) {
        expect(url).not.toContain(map.editorKey);
        expect(url).not.toContain(map.viewerKey);
        expect(url).not.toMatch(/[?&]key=/);
      }
    }
    const nodesAfter = await server.server.rooms.use(map.id, (room) => room.doc.getMap('nodes').size);
    expect(nodesAfter).toBe(nodesBefore); // the viewer changed nothing
  });

  it('an admin invites from the members page and the invitee joins through the link, all by keyboard', async () => {
    const server = await startTestServer({ distDir: DIST });
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const admin = await adminContext.newPage();
    // first-admin setup on a fresh server, typed and submitted from the keyboard
    await admin.goto(`${server.url}/`);
    await admin.getByRole('link', { name: 'Set up team accounts' }).click();
    await admin.getByLabel('Your name').waitFor();
    await admin.keyboard.type(ADMIN.name); // the name field has the focus
    await admin.keyboard.press('Tab');
    await admin.keyboard.type(ADMIN.email);
    await admin.keyboard.press('Tab');
    await admin.keyboard.type(ADMIN.password);
    await admin.keyboard.press('Enter');
    await admin.getByTestId('account-menu').waitFor();
    expect((await call(server.url, 'POST', '/api/setup', { body: ADMIN })).status).toBe(409);

    // Members is reachable with Tab from the top of the page
    await admin.goto(`${server.url}/`);
    await admin.getByTestId('account-menu').waitFor();
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await admin.keyboard.press('Tab');
      reached = (await admin.evaluate(() => document.activeElement?.textContent?.trim())) === 'Members';
    }
    expect(reached).toBe(true);
    await admin.keyboard.press('Enter');
    await admin.getByRole('heading', { name: 'Members' }).waitFor();
    await admin.getByLabel('Email to invite').focus();
    await admin.keyboard.type('nico@example.com');
    await admin.keyboard.press('Tab');
    await admin.locator('.members-invite select').selectOption('viewer'); // the focused role list
    await admin.keyboard.press('Tab');
    await admin.keyboard.press('Enter');
    const linkField = admin.locator('.invite-link input');
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/invite#token=[\\w-]{43}$`));
    // the invite notice fits in its card: nothing clipped or spilling over
    const card = await admin.locator('.account-main').boundingBox();
    const field = await linkField.boundingBox();
    const copy = await admin.getByRole('button', { name: 'Copy link' }).boundingBox();
    if (!card || !field || !copy) throw new Error('invite notice not laid out');
    expect(field.x + field.width).toBeLessThanOrEqual(copy.x);
    expect(copy.x + copy.width).toBeLessThanOrEqual(card.x + card.width);

    // the invitee, in another browser: the token leaves the address bar, the form joins the team
    const invitee = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await invitee.goto(link);
    await invitee.getByRole('heading', { name: 'You are invited' }).waitFor();
    expect(invitee.url()).toBe(`${server.url}/invite`);
    expect(await invitee.locator('main').textContent()).toContain('nico@example.com');
    await invitee.keyboard.type('Nico Nobili');
    await invitee.keyboard.press('Tab');
    await invitee.keyboard.type('nico password 1');
    await invitee.keyboard.press('Enter');
    await invitee.getByTestId('account-menu').waitFor();
    expect(await invitee.getByTestId('account-menu').textContent()).toContain('Nico Nobili');
    expect(await invitee.getByRole('link', { name: 'Members' }).count()).toBe(0); // not an admin

    // the admin sees Nico in the list; the same link does not work twice
    await admin.reload();
    await expect.poll(() => admin.getByTestId('member-row').count()).toBe(2);
    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await again.getByText('This invite is unknown, used or expired').waitFor();
  });
});
