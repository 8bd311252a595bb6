// The tests Stryker runs per mutant: the fast ones that exercise the filters and dates directly
// (the generated-dataset builds are left out: seconds each, and they reach filters only through
// templates).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/filters.test.ts', 'tests/dates.test.ts', 'tests/properties.test.ts'],
    testNamePattern: '^(?!.*builds with).*$',
  },
});
