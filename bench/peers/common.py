"""What the peers' fit scripts share: their arguments, the ROI summary of posterior draws, the
peak memory and the JSON line the bench reads (bench/run.mjs)."""

import json
import resource
import sys

import numpy as np


def arguments() -> tuple[str, dict, int]:
    """DATA.csv TRUTH.json [SEED] from the command line: the CSV path, the truth and the seed."""
    if len(sys.argv) < 3:
        sys.exit(f"usage: {sys.argv[0]} DATA.csv TRUTH.json [SEED]")
    with open(sys.argv[2]) as f:
        truth = json.load(f)
    return sys.argv[1], truth, int(sys.argv[3]) if len(sys.argv) > 3 else 7


def roi_summary(draws: np.ndarray) -> dict:
    """Posterior mean and the 5%-95% quantiles of one channel's ROI draws."""
    draws = np.asarray(draws).ravel()
    return {
        "mean": float(draws.mean()),
        "lower": float(np.quantile(draws, 0.05)),
        "upper": float(np.quantile(draws, 0.95)),
    }


def emit(record: dict) -> None:
    """Prints the result with the peak RSS (this process plus its largest finished child) in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({**record, "peakRssMB": round(peak / 1024)}))
