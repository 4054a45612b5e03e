import { checkDefaultOnProcesses } from '../../../tests/helpers/journey-process-check';

// The processes are split over four files so that vitest runs them side by side (about 8 s of CPU each).
checkDefaultOnProcesses([
  ['intent-classes', 0.3],
  ['continuous-intent', 0.18],
]);
