// Drives Debian's chromium (headless, through playwright-core) against a running newsgraph:
// ingests the seed article through the page, then checks what a reader must see. Usage:
//   node web_check.mjs BASE_URL ARTICLE_FILE SCREENSHOT_PATH
// Exits non-zero with a message on the first failed check.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [base, articleFile, shot] = process.argv.slice(2);
const text = readFileSync(articleFile, "utf8");
const fail = (msg) => { console.error(`FAIL: ${msg}`); process.exitCode = 1; };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));

  // ingest through the page
  await page.goto(`${base}/#/new`);
  await page.getByLabel("Article text (title on the first line)").fill(text);
  await page.getByRole("button", { name: "Ingest" }).click();
  await page.waitForURL(/#\/articles\/\d+$/, { timeout: 30000 });
  await page.locator("aside.statements li.statement").first().waitFor({ timeout: 30000 });

  // "Toqaev" is highlighted as a person
  const toqaev = page.locator("a.ent.ent-person", { hasText: /^Toqaev$/ });
  const n = await toqaev.count();
  if (n === 0) fail("no mention \"Toqaev\" highlighted as a person");
  else console.log(`ok: "Toqaev" highlighted as a person ${n} times`);

  // the quote is listed under his name in the statements panel
  const item = page.locator("aside.statements li.statement", { hasText: "shoot to kill without warning" });
  if (await item.count() === 0) fail("the \"shoot to kill without warning\" quote is not in the panel");
  else {
    const who = await item.first().locator(".who").innerText();
    if (!/Toqaev/.test(who)) fail(`the quote is listed under "${who}", not Toqaev`);
    else console.log(`ok: the quote is listed under "${who}"`);
    // clicking it scrolls to the quotation in the text
    await item.first().getByRole("button", { name: "Show in text" }).click();
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.className);
    if (!/quote/.test(focused || "")) fail(`"Show in text" did not focus the quotation (${focused})`);
    else console.log("ok: \"Show in text\" focuses the quotation");
  }

  // clicking the quotation in the text leads to its speaker in the panel
  await page.locator("span.quote", { hasText: "shoot to kill without warning" }).first().click();
  const led = await page.evaluate(() => document.activeElement && document.activeElement.textContent);
  if (!/Toqaev/.test(led || "")) fail(`the quotation does not lead to its speaker (focus: ${led})`);
  else console.log(`ok: the quotation leads to its speaker "${led}"`);

  // the entity page of the speaker lists what he said
  await toqaev.first().click();
  await page.waitForURL(/#\/entities\/\d+$/);
  await page.getByRole("heading", { name: /What Qasym-Zhomart Toqaev said/ }).waitFor();
  if (await page.locator("li.statement", { hasText: "shoot to kill without warning" }).count() === 0)
    fail("the entity page does not list the quote");
  else console.log("ok: the entity page lists the quote");
  // and what is written beside him, from the entity's detail
  await page.getByRole("heading", { name: "Often beside it" }).waitFor();
  if (await page.locator("ul.cooccurring a", { hasText: "Kazakhstan" }).count() === 0)
    fail("the entity page does not list Kazakhstan beside Toqaev");
  else console.log("ok: the entity page lists what co-occurs (Kazakhstan)");
  if (await page.locator("ul.articles li", { hasText: /\d+ mentions?/ }).count() === 0)
    fail("the entity page does not count mentions per article");
  else console.log("ok: the entity page counts mentions per article");

  // phone width: still usable (no horizontal scrolling)
  await page.goBack();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator("aside.statements").waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 2) fail(`page is ${overflow}px wider than a phone screen`);
  else console.log("ok: no horizontal overflow at 390px");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot, fullPage: false });
  console.log(`screenshot: ${shot}`);
  if (errors.length) fail(`script errors in the page: ${errors.join("; ")}`);
} finally {
  await browser.close();
}
