/**
 * Gauss–Hermite nodes and weights for E[f(z)], z ~ N(0, 1): Σ_q w_q f(z_q) is exact for polynomials of
 * degree < 2Q. Golub–Welsch on the probabilists' Hermite recurrence.
 *
 * @returns nodes ascending and weights summing to 1, [Q] each
 * @example normalNodes(3) // z = [−√3, 0, √3], w = [1/6, 2/3, 1/6]
 */
export function normalNodes(Q: number): { z: Float64Array; w: Float64Array } {
  // Probabilists' Hermite polynomials: Jacobi matrix with off-diagonal √k; eigenvalues are the nodes and
  // the first components' squares the weights. Q is small (≤ 40): Jacobi eigenvalue sweeps suffice.
  const A = new Float64Array(Q * Q);
  for (let k = 1; k < Q; k++) A[k * Q + k - 1] = A[(k - 1) * Q + k] = Math.sqrt(k);
  const V = new Float64Array(Q * Q);
  for (let i = 0; i < Q; i++) V[i * Q + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < Q; p++) for (let q = p + 1; q < Q; q++) off += A[p * Q + q]! ** 2;
    if (off < 1e-24) break;
    for (let p = 0; p < Q; p++) {
      for (let q = p + 1; q < Q; q++) {
        const apq = A[p * Q + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (A[q * Q + q]! - A[p * Q + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < Q; k++) {
          const akp = A[k * Q + p]!;
          const akq = A[k * Q + q]!;
          A[k * Q + p] = c * akp - s * akq;
          A[k * Q + q] = s * akp + c * akq;
        }
        for (let k = 0; k < Q; k++) {
          const apk = A[p * Q + k]!;
          const aqk = A[q * Q + k]!;
          A[p * Q + k] = c * apk - s * aqk;
          A[q * Q + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < Q; k++) {
          const vkp = V[k * Q + p]!;
          const vkq = V[k * Q + q]!;
          V[k * Q + p] = c * vkp - s * vkq;
          V[k * Q + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: Q }, (_, i) => i).sort((i, j) => A[i * Q + i]! - A[j * Q + j]!);
  return {
    z: Float64Array.from(order, (i) => A[i * Q + i]!),
    w: Float64Array.from(order, (i) => V[i]! ** 2),
  };
}
