"""One Google Meridian fit of a geo panel (bench/geo-peers.mjs writes it), on the CPU: its geo-level
model (n_geos > 1) with the documented defaults of its user guide: ModelSpec with max_lag 8 (like
mixmodeler's lookback), ROI priors, geometric adstock, Hill saturation and its default knots (one a
period in a geo model); the population from the panel (Meridian scales media and the KPI by it); the
geo factors (price) as controls. The national factors (the holiday) are left out, as Meridian's own
check says to: they do not vary across geos, so with a knot a period they are collinear with time
(it raises otherwise). sample_posterior(n_chains=7, n_adapt=500, n_burnin=500, n_keep=1000) as in
its "Run the model" guide. Prints JSON: national ROI per channel over the truth window (posterior mean
and the 5%-95% quantiles of Analyzer.roi), each geo's ROI mean, the fit time (build + sample, the
import excluded), the max r-hat, peak RSS and CPU seconds.

Usage: python bench/peers/fit_meridian_geo.py PANEL_DIR PANEL_DIR/truth.json [SEED]
"""

import os
import time
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
from common import arguments, emit, read_geo_panel, roi_summary  # noqa: E402

t_import = time.perf_counter()
import meridian  # noqa: E402
from meridian.analysis import analyzer  # noqa: E402
from meridian.data import data_frame_input_data_builder as builder  # noqa: E402
from meridian.model import model, prior_distribution, spec  # noqa: E402

import_seconds = time.perf_counter() - t_import
CHAINS, KEEP = 7, 1000


def main() -> None:
    folder, truth, seed = arguments()
    data, population, geo_factors, _national = read_geo_panel(folder)
    data = data.rename(columns={"date": "time"})
    channels = list(truth["roi"].keys())

    t0 = time.perf_counter()
    b = builder.DataFrameInputDataBuilder(kpi_type="revenue")
    b = b.with_kpi(data, kpi_col="revenue").with_population(population)
    if geo_factors:
        b = b.with_controls(data, control_cols=geo_factors)
    b = b.with_media(data, media_cols=channels, media_spend_cols=channels, media_channels=channels)
    input_data = b.build()
    model_spec = spec.ModelSpec(prior=prior_distribution.PriorDistribution(), max_lag=8)
    mmm = model.Meridian(input_data=input_data, model_spec=model_spec)
    mmm.sample_posterior(n_chains=CHAINS, n_adapt=500, n_burnin=500, n_keep=KEEP, seed=seed)
    seconds = time.perf_counter() - t0

    window = truth["window"]
    times = sorted(t for t in data["time"].unique() if window["from"] <= t <= window["to"])
    a = analyzer.Analyzer(mmm)
    roi = np.asarray(a.roi(selected_times=times))
    draws = roi.reshape(-1, roi.shape[-1])
    by_geo = np.asarray(a.roi(selected_times=times, aggregate_geos=False))  # chains, draws, geos, channels
    geo_means = by_geo.reshape(-1, by_geo.shape[-2], by_geo.shape[-1]).mean(axis=0)
    geos = list(input_data.geo.values)
    rhat = a.get_rhat()
    emit(
        {
            "tool": "meridian",
            "version": meridian.__version__,
            "seconds": seconds,
            "importSeconds": import_seconds,
            "chains": CHAINS,
            "draws": KEEP,
            "maxRhat": float(max(float(np.nanmax(np.asarray(v))) for v in rhat.values())),
            "roi": {c: roi_summary(draws[:, i]) for i, c in enumerate(channels)},
            "geos": {str(g): {c: float(geo_means[k, i]) for i, c in enumerate(channels)} for k, g in enumerate(geos)},
        }
    )


if __name__ == "__main__":
    main()
