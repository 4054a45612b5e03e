import { weibullFamily } from './weibull-family';

/**
 * Weibull PDF adstock: weights w_l ∝ f(l + 1), the Weibull density, which peaks after a delay when
 * k > 1. Priors centred on k = 2 and λ = 3 periods.
 */
export const weibullPdf = weibullFamily({
  name: 'weibull-pdf',
  label: 'Weibull PDF',
  description: 'may peak weeks after the spend',
  kind: 'pdf',
  priors: () => [
    { name: 'shape', mean: Math.log(2), sd: 0.5 },
    { name: 'scale', mean: Math.log(3), sd: 0.7 },
  ],
});
