import { configure } from '@testing-library/dom';

/**
 * Runs before each test file (jest setupFilesAfterEnv). Node-environment tests have no window and
 * are left alone; DOM tests (`@jest-environment jsdom` docblock) get what jsdom lacks and the app uses.
 */
if (typeof window !== 'undefined') {
  // The router scrolls to the top on navigate(); jsdom only reports "Not implemented" for it.
  window.scrollTo = (): void => undefined;
  // The first render of a file compiles the page's modules: on a busy 2-core machine that alone has
  // taken more than Testing Library's default 1 s wait for findBy* and waitFor.
  configure({ asyncUtilTimeout: 5000 });
}
