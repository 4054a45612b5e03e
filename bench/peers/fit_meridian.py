"""One Google Meridian fit of a benchmark CSV, on the CPU: a national model (one geo) with the
documented defaults of its user guide: ModelSpec with max_lag 8 (like mixmodeler's lookback), ROI
priors, geometric adstock and Hill saturation; the factors as controls (Meridian brings its own
time knots for trend and season); sample_posterior(n_chains=7, n_adapt=500, n_burnin=500,
n_keep=1000) as in its "Run the model" guide. Prints JSON: ROI per channel over the truth window
(posterior mean and the 5%-95% quantiles of Analyzer.roi), the fit time (build + sample, the import
excluded), the max r-hat and peak RSS.

Usage: python bench/peers/fit_meridian.py DATA.csv TRUTH.json [SEED]
"""

import os
import time
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from common import arguments, emit, roi_summary  # noqa: E402

t_import = time.perf_counter()
import meridian  # noqa: E402
from meridian.analysis import analyzer  # noqa: E402
from meridian.data import data_frame_input_data_builder as builder  # noqa: E402
from meridian.model import model, prior_distribution, spec  # noqa: E402

import_seconds = time.perf_counter() - t_import


def main() -> None:
    csv, truth, seed = arguments()
    data = pd.read_csv(csv)
    data = data.rename(columns={"date": "time"})
    channels = truth["channels"]
    controls = list(truth["factors"].keys())

    t0 = time.perf_counter()
    b = builder.DataFrameInputDataBuilder(kpi_type="revenue")
    b = b.with_kpi(data, kpi_col="y").with_controls(data, control_cols=controls)
    b = b.with_media(data, media_cols=channels, media_spend_cols=channels, media_channels=channels)
    input_data = b.build()
    model_spec = spec.ModelSpec(prior=prior_distribution.PriorDistribution(), max_lag=8)
    mmm = model.Meridian(input_data=input_data, model_spec=model_spec)
    mmm.sample_posterior(n_chains=7, n_adapt=500, n_burnin=500, n_keep=1000, seed=seed)
    seconds = time.perf_counter() - t0

    times = data.loc[(data["time"] >= truth["window"]["from"]) & (data["time"] <= truth["window"]["to"]), "time"]
    roi = np.asarray(analyzer.Analyzer(mmm).roi(selected_times=list(times)))
    draws = roi.reshape(-1, roi.shape[-1])
    rhat = analyzer.Analyzer(mmm).get_rhat()
    emit(
        {
            "tool": "meridian",
            "version": meridian.__version__,
            "seconds": seconds,
            "importSeconds": import_seconds,
            "chains": 7,
            "draws": 1000,
            "maxRhat": float(max(float(np.nanmax(np.asarray(v))) for v in rhat.values())),
            "roi": {c: roi_summary(draws[:, i]) for i, c in enumerate(channels)},
        }
    )


if __name__ == "__main__":
    main()
