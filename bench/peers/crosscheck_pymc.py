"""PyMC-Marketing's default MMM on one cross-check dataset (bench/crosscheck-pymc.mjs): geometric adstock
(l_max 8, normalized: the class default), logistic saturation, every prior and the likelihood left at
their defaults, no seasonality, the given controls (already standardized by the bench, so both tools see
the same columns). Samples NUTS with pm.sample's defaults but for the run's size: CHAINS chains of TUNE
tuning and DRAWS kept draws, cores 2. Prints JSON: per channel the posterior mean, sd, MCSE of the mean
and bulk ESS of its ROI over the whole data (contribution / spend) and of adstock_alpha, saturation_lam
and saturation_beta (its own scale: target and channel over their maxima); the same for the intercept,
sigma and the controls' gamma; the fit time, R-hat, divergences and the scales.

Usage: python bench/peers/crosscheck_pymc.py DATA.csv SPEC.json [--from-netcdf]
--from-netcdf summarizes the draws a previous run kept beside DATA.csv (DATA.nc) instead of sampling
(its "seconds" is then null).
SPEC.json: {"channels": [...], "controls": [...], "chains": 4, "tune": 1000, "draws": 1000, "seed": 1}
and optionally "targetAccept" (pm.sample's target_accept; its default 0.8 when absent)
"""

import json
import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
import arviz as az  # noqa: E402
import pymc_marketing  # noqa: E402
from common import built_pymc_mmm  # noqa: E402


def scalar(v) -> float:
    """ArviZ 0.23 gives a length-1 array for one quantity's [chains, draws]."""
    return float(np.ravel(v)[0])


def summary(draws) -> dict:
    """Mean, sd, MCSE of the mean and bulk ESS of one quantity's draws, shape [chains, draws], and its
    5% and 95% quantiles with their MCSE (ArviZ's, from the ESS of the quantile's indicator)."""
    x = np.asarray(draws, dtype=float)
    return {
        "mean": float(x.mean()),
        "sd": float(x.std(ddof=1)),
        "mcse": scalar(az.mcse(x, method="mean")),
        "ess": scalar(az.ess(x, method="bulk")),
        **{
            f"q{round(100 * p):02d}": {
                "value": float(np.quantile(x, p)),
                "mcse": scalar(az.mcse(x, method="quantile", prob=p)),
            }
            for p in (0.05, 0.95)
        },
    }


def main() -> None:
    if len(sys.argv) not in (3, 4) or sys.argv[3:] not in ([], ["--from-netcdf"]):
        sys.exit(f"usage: {sys.argv[0]} DATA.csv SPEC.json [--from-netcdf]")
    kept = sys.argv[1].removesuffix(".csv") + ".nc"
    data = pd.read_csv(sys.argv[1], parse_dates=["date"])
    with open(sys.argv[2]) as f:
        spec = json.load(f)
    channels = spec["channels"]
    controls = spec["controls"] or None
    X = data.drop(columns=["y"])
    y = data["y"]

    t0 = time.perf_counter()
    mmm = built_pymc_mmm(X, y, channels, controls)
    if sys.argv[3:]:
        summarize_run(data, spec, mmm, az.from_netcdf(kept), None)
        return
    idata = mmm.fit(
        X,
        y,
        chains=spec["chains"],
        tune=spec["tune"],
        draws=spec["draws"],
        cores=2,
        progressbar=False,
        random_seed=spec["seed"],
        **({"target_accept": spec["targetAccept"]} if "targetAccept" in spec else {}),
    )
    seconds = time.perf_counter() - t0
    # The draws beside the CSV (the system temp folder), to look into a disagreement without refitting.
    idata.to_netcdf(kept)
    summarize_run(data, spec, mmm, idata, seconds)


def summarize_run(data, spec, mmm, idata, seconds) -> None:
    """Prints the run's JSON summary (see the module's doc)."""
    channels = spec["channels"]
    controls = spec["controls"] or None
    post = idata.posterior
    contrib = post["channel_contribution_original_scale"]
    out = {}
    for c in channels:
        spend = float(data[c].sum())
        roi = contrib.sel(channel=c).sum(dim="date") / spend
        out[c] = {
            "roi": summary(roi.transpose("chain", "draw").values),
            "alpha": summary(post["adstock_alpha"].sel(channel=c).values),
            "lam": summary(post["saturation_lam"].sel(channel=c).values),
            "beta": summary(post["saturation_beta"].sel(channel=c).values),
        }
    names = [v.name for v in mmm.model.free_RVs]
    sigma = next(n for n in names if n.endswith("_sigma"))
    base = {"intercept": summary(post["intercept_contribution"].values), "sigma": summary(post[sigma].values)}
    for k in controls or []:
        base[k] = summary(post["gamma_control"].sel(control=k).values)
    rhat = az.rhat(post[names])
    print(
        json.dumps(
            {
                "tool": "pymc-marketing",
                "version": pymc_marketing.__version__,
                "freeVariables": names,
                "seconds": seconds,
                "chains": int(post.sizes["chain"]),
                "draws": int(post.sizes["draw"]),
                "tune": spec["tune"],
                "maxRhat": float(max(float(rhat[v].max()) for v in rhat.data_vars)),
                "divergences": int(idata.sample_stats["diverging"].sum()),
                "targetScale": float(idata.constant_data["target_scale"].values),
                "channelScale": dict(zip(channels, map(float, idata.constant_data["channel_scale"].values))),
                "channels": out,
                "base": base,
            }
        )
    )


if __name__ == "__main__":
    main()
