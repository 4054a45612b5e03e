import { checkDefaultOnProcesses } from '../../../tests/helpers/journey-process-check';

// The processes are split over four files so that vitest runs them side by side (about 8 s of CPU each).
checkDefaultOnProcesses([
  ['diminishing', 0.11],
  ['recency', 0.16],
]);
