/**
 * Runs before each test file (jest setupFilesAfterEnv). Node-environment tests have no window and
 * are left alone; DOM tests (`@jest-environment jsdom` docblock) get what jsdom lacks and the app uses.
 */
if (typeof window !== 'undefined') {
  // The router scrolls to the top on navigate(); jsdom only reports "Not implemented" for it.
  window.scrollTo = (): void => undefined;
}
