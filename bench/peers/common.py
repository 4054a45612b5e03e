"""What the peers' fit scripts share: their arguments, the ROI summary of posterior draws, the
peak memory and the JSON line the bench reads (bench/run.mjs)."""

import json
import os
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


def read_geo_panel(folder: str):
    """A geo panel's CSV files as a user exports them (bench/geo-peers.mjs writes them): `summary.csv`
    (long: date,geo,channel,spend), `conversions.csv` (date,geo,revenue), `factors.csv` (long:
    date,geo,factor,value), `holidays.csv` (national: date,factor,value) and `population.csv`
    (geo,population). Returns one row per date x geo with a spend column per channel, `revenue`, the geo
    factors and the national ones (each national value repeated in every geo), sorted by geo then date;
    the population table; the geo factors' names and the national factors' names."""
    import pandas as pd

    def read(name: str) -> pd.DataFrame:
        return pd.read_csv(os.path.join(folder, name), dtype={"geo": str, "date": str})

    spend = read("summary.csv").pivot(index=["date", "geo"], columns="channel", values="spend")
    conversions = read("conversions.csv").set_index(["date", "geo"])
    factors = read("factors.csv").pivot(index=["date", "geo"], columns="factor", values="value")
    wide = spend.join(conversions).join(factors).reset_index()
    holidays_path = os.path.join(folder, "holidays.csv")
    national = []
    if os.path.exists(holidays_path):
        holidays = read("holidays.csv").pivot(index="date", columns="factor", values="value")
        national = list(holidays.columns)
        wide = wide.merge(holidays.reset_index(), on="date", how="left")
    wide = wide.sort_values(["geo", "date"]).reset_index(drop=True)
    return wide, read("population.csv"), list(factors.columns), national


def built_pymc_mmm(X, y, channels: list, controls, *, yearly_seasonality=None, dims=None):
    """PyMC-Marketing's MMM as every bench script fits it: geometric adstock (l_max 8, like mixmodeler's
    lookback), logistic saturation, its default priors, the given controls (None for none), optionally
    yearly seasonality and dims=("geo",); built on X, y with the original-scale contribution variable
    added, ready for `fit`."""
    from pymc_marketing.mmm import GeometricAdstock, LogisticSaturation
    from pymc_marketing.mmm.multidimensional import MMM

    options = {} if yearly_seasonality is None else {"yearly_seasonality": yearly_seasonality}
    if dims is not None:
        options["dims"] = dims
    mmm = MMM(
        date_column="date",
        channel_columns=channels,
        target_column="y",
        adstock=GeometricAdstock(l_max=8),
        saturation=LogisticSaturation(),
        control_columns=controls,
        **options,
    )
    mmm.build_model(X, y)
    mmm.add_original_scale_contribution_variable(var=["channel_contribution"])
    return mmm


def pymc_record(mmm, idata, seconds: float, import_seconds: float) -> dict:
    """What a PyMC-Marketing fit reports beside its ROIs: version, times, chains and draws, the max
    r-hat over its free variables and the divergences."""
    import arviz as az
    import pymc_marketing

    rhat = az.rhat(idata.posterior[[v.name for v in mmm.model.free_RVs]])
    return {
        "tool": "pymc-marketing",
        "version": pymc_marketing.__version__,
        "seconds": seconds,
        "importSeconds": import_seconds,
        "chains": int(idata.posterior.sizes["chain"]),
        "draws": int(idata.posterior.sizes["draw"]),
        "maxRhat": float(max(float(rhat[v].max()) for v in rhat.data_vars)),
        "divergences": int(idata.sample_stats["diverging"].sum()),
    }


def emit(record: dict) -> None:
    """Prints the result with the peak RSS (this process plus its largest finished child) in MB and the
    CPU seconds (user + system) of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = own.ru_maxrss + children.ru_maxrss
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    print(json.dumps({**record, "peakRssMB": round(peak / 1024), "cpuSeconds": round(cpu, 1)}))
