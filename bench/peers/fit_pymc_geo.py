"""One PyMC-Marketing fit of a geo panel (bench/geo-peers.mjs writes it): its multidimensional MMM with
dims=("geo",) and its documented defaults otherwise (default priors, max-abs scaling per geo), the same
choices as the national script (bench/peers/fit_pymc.py): geometric adstock (l_max 8, like mixmodeler's
lookback), logistic saturation, yearly seasonality with 2 Fourier modes, the factors (geo and national)
and a linear time index as controls, default sampler settings (pm.sample: NUTS, 1000 tune + 1000 draws
per chain, chains = cores). Prints JSON: national ROI per channel over the truth window (posterior mean
and the 5%-95% quantiles of Σ_g contribution / Σ_g spend), each geo's ROI mean, the fit time (build +
sample, the import excluded), the convergence (max r-hat, divergences), peak RSS and CPU seconds.

Usage: python bench/peers/fit_pymc_geo.py PANEL_DIR PANEL_DIR/truth.json [SEED]
"""

import time
import warnings

import numpy as np
import pandas as pd
from common import arguments, built_pymc_mmm, emit, pymc_record, read_geo_panel, roi_summary

warnings.filterwarnings("ignore")
t_import = time.perf_counter()
import pymc_marketing.mmm.multidimensional  # noqa: E402, F401

import_seconds = time.perf_counter() - t_import


def main() -> None:
    folder, truth, seed = arguments()
    data, _population, geo_factors, national = read_geo_panel(folder)
    data["date"] = pd.to_datetime(data["date"])
    channels = list(truth["roi"].keys())
    data["t"] = data.groupby("geo").cumcount().astype(float)
    controls = geo_factors + national + ["t"]
    X = data.drop(columns=["revenue"])
    y = data["revenue"].rename("y")

    t0 = time.perf_counter()
    mmm = built_pymc_mmm(X, y, channels, controls, yearly_seasonality=2, dims=("geo",))
    idata = mmm.fit(X, y, progressbar=False, random_seed=seed)
    seconds = time.perf_counter() - t0

    window = truth["window"]
    contrib = idata.posterior["channel_contribution_original_scale"]  # chain, draw, date, geo, channel
    dates = pd.to_datetime(contrib.coords["date"].values)
    in_window = (dates >= pd.Timestamp(window["from"])) & (dates <= pd.Timestamp(window["to"]))
    inside = data[(data["date"] >= pd.Timestamp(window["from"])) & (data["date"] <= pd.Timestamp(window["to"]))]
    geos = [str(g) for g in contrib.coords["geo"].values]
    roi, by_geo = {}, {g: {} for g in geos}
    for c in channels:
        gain = contrib.sel(channel=c).isel(date=np.flatnonzero(in_window)).sum(dim="date")  # chain, draw, geo
        roi[c] = roi_summary(gain.sum(dim="geo").values / float(inside[c].sum()))
        for g in geos:
            spend = float(inside.loc[inside["geo"] == g, c].sum())
            by_geo[g][c] = float(gain.sel(geo=g).values.mean() / spend)
    emit({**pymc_record(mmm, idata, seconds, import_seconds), "roi": roi, "geos": by_geo})


if __name__ == "__main__":
    main()
