import { checkDefaultOnProcesses } from '../../../tests/helpers/journey-process-check';

// The processes are split over four files so that vitest runs them side by side (about 8 s of CPU each).
checkDefaultOnProcesses([
  // Sequence: the pair features (chosen by the likelihood) see display's gating of social.
  ['sequence', 0.17],
  ['reach', 0.27],
]);
