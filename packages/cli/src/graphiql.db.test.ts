import { mkdirSync } from "node:fs";
import { loadConfig } from "@poet/core/app";
import { createDemoDatabase, testDriver } from "@poet/core/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadExamples } from "./examples.ts";
import { findChromium, launchChromium } from "./pdf.ts";
import { serve } from "./serve.ts";

// What a developer sees opening http://localhost:4000/graphql: GraphiQL, from this server alone,
// in a real headless Chromium. Without one (a fresh machine) it is skipped; CI installs it.
const chromium = findChromium();
const title = chromium
  ? `GraphiQL at /graphql in ${chromium}`
  : "GraphiQL at /graphql in a browser (skipped: no Chromium; sudo apt-get install chromium, or set POET_CHROMIUM)";

describe.runIf(testDriver() === "pglite" && chromium)(title, () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;

  beforeAll(async () => {
    const database = await createDemoDatabase(inject("demoDatabase"));
    server = await serve(database, loadConfig({ PORT: "0", NODE_ENV: "test" }));
    browser = await launchChromium(["--headless"]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens with the README's examples as named tabs and the first one's result, fits a 1280 px window, and loads nothing from elsewhere", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const requested: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    page.on("pageerror", (error) => errors.push(error.message));

    const response = await page.goto(server.url);
    expect(response?.headers()["content-security-policy"]).toMatch(/^default-src 'self'/);
    await page.locator(".graphiql-container .graphiql-query-editor .CodeMirror").waitFor();
    const tabs = page.locator(".graphiql-tab");
    await expect.poll(() => tabs.count()).toBe(loadExamples().length);
    expect(await page.locator(".graphiql-logo").textContent()).toBe("POET API");

    // Each tab is named after its example, once: no "Benchmark2", no "<untitled>".
    const names = (await tabs.locator(".graphiql-tab-button").allTextContents()).map((name) => name.trim());
    expect(names[0]).toBe("CouncilComparesWithEngland");
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z]+$/);

    // The first example's result is there without a click.
    const result = page.locator(".result-window");
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toContain('"data"');
    expect(await result.textContent()).toContain("Nottinghamshire");
    expect(await result.textContent()).not.toContain('"errors"');
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/graphiql.png" });

    // Every example fits the editor: nothing runs off its right edge, so nothing scrolls sideways.
    for (let i = 0; i < names.length; i++) {
      await tabs.nth(i).locator(".graphiql-tab-button").click();
      const fit = await page.locator(".graphiql-query-editor .CodeMirror").evaluate((element) => {
        const scroller = element.querySelector(".CodeMirror-scroll")!;
        const sideways = element.querySelector(".CodeMirror-hscrollbar")!;
        return {
          overflow: scroller.scrollWidth - scroller.clientWidth,
          scrollbar: sideways.clientHeight,
          value: (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
        };
      });
      expect(fit.value, names[i]).toContain(`query ${names[i]} `);
      expect(fit.overflow, names[i]).toBeLessThanOrEqual(1);
      expect(fit.scrollbar, `${names[i]}: no sideways scrollbar`).toBe(0);
    }
    await tabs.first().locator(".graphiql-tab-button").click();
    await page.screenshot({ path: "test-results/screenshots/graphiql-1280.png" });

    expect(errors).toEqual([]);
    const origin = new URL(server.url).origin;
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(requested).toContain(`${origin}/graphiql/graphiql@3.8.3/graphiql.min.js`);
  });
});
