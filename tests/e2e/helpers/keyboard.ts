/**
 * Keyboard-only interaction: reach an element by pressing Tab (which proves
 * it is reachable in order), then type or press Enter/Space.
 */
import type { Page } from 'playwright-core';

/** Presses Tab until the element matching `selector` has focus; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate((sel) => {
      const el = document.activeElement;
      return el instanceof Element && el.matches(sel);
    }, selector);
    if (hit) {
      const visible = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
      });
      if (!visible) throw new Error(`focus on ${selector} is not visible`);
      return;
    }
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

/** Tabs to a field and types into it. */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** Tabs to a button or link and presses Enter, waiting for the navigation it starts. */
export async function activate(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
}
