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

/**
 * Chooses an option by keyboard: a checkbox is reached with Tab and ticked
 * with Space; a radio group is entered with Tab and moved in with the arrow
 * keys, as the platform conventions go.
 */
export async function choose(page: Page, selector: string): Promise<void> {
  const radio = await page.$eval(selector, (el) => (el as HTMLInputElement).type === 'radio');
  if (!radio) {
    await tabTo(page, selector);
    await page.keyboard.press('Space');
    return;
  }
  const name = await page.$eval(selector, (el) => (el as HTMLInputElement).name);
  const scope = selector.includes(' input') ? `${selector.split(' input')[0]} ` : '';
  const group = `${scope}input[name="${name}"]`;
  await tabTo(page, group);
  for (let i = 0; i < 10; i += 1) {
    if (await page.$eval(selector, (el) => el === document.activeElement && (el as HTMLInputElement).checked)) return;
    await page.keyboard.press(i === 0 ? 'Space' : 'ArrowDown');
  }
  throw new Error(`could not choose ${selector} with the arrow keys`);
}
