"""One PyMC-Marketing fit of a benchmark CSV, its documented weekly MMM: geometric adstock
(l_max 8, like mixmodeler's lookback), logistic saturation, yearly seasonality with 2 Fourier modes,
the factors and a linear time index as controls, default priors and default sampler settings
(pm.sample: NUTS, 1000 tune + 1000 draws per chain, chains = cores). Prints JSON: ROI per channel
over the truth window (posterior mean and the 5%-95% quantiles of contribution / spend), the fit time
(build + sample, the import excluded), the convergence (max r-hat, divergences) and peak RSS.

Usage: python bench/peers/fit_pymc.py DATA.csv TRUTH.json [SEED]
"""

import time
import warnings

import numpy as np
import pandas as pd
from common import arguments, built_pymc_mmm, emit, pymc_record, roi_summary

warnings.filterwarnings("ignore")
t_import = time.perf_counter()
import pymc_marketing.mmm.multidimensional  # noqa: E402, F401

import_seconds = time.perf_counter() - t_import


def main() -> None:
    csv, truth, seed = arguments()
    data = pd.read_csv(csv, parse_dates=["date"])
    channels = truth["channels"]
    data["t"] = np.arange(len(data), dtype=float)
    controls = list(truth["factors"].keys()) + ["t"]
    X = data.drop(columns=["y"])
    y = data["y"]

    t0 = time.perf_counter()
    mmm = built_pymc_mmm(X, y, channels, controls, yearly_seasonality=2)
    idata = mmm.fit(X, y, progressbar=False, random_seed=seed)
    seconds = time.perf_counter() - t0

    window = (data["date"] >= truth["window"]["from"]) & (data["date"] <= truth["window"]["to"])
    contrib = idata.posterior["channel_contribution_original_scale"]
    dates = pd.to_datetime(contrib.coords["date"].values)
    in_window = np.isin(dates, data.loc[window, "date"].values)
    roi = {}
    for c in channels:
        spend = float(data.loc[window, c].sum())
        roi[c] = roi_summary(contrib.sel(channel=c).values[..., in_window].sum(axis=-1) / spend)
    emit({**pymc_record(mmm, idata, seconds, import_seconds), "roi": roi})


if __name__ == "__main__":
    main()
